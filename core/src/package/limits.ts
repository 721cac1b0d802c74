/** @module The size ceilings a package must fit in, so a hostile archive cannot exhaust memory. */

/** Ceilings applied by {@link readPackage}; each defaults to {@link defaultPackageLimits}. */
export interface PackageLimits {
  /** Largest archive accepted, in bytes. */
  maxPackedBytes: number;
  /** Largest sum of unpacked file sizes, in bytes (the zip-bomb guard). */
  maxUnpackedBytes: number;
  /** Most entries the archive may hold. */
  maxFiles: number;
}

const MiB = 1024 * 1024;

/** 20 MiB packed, 50 MiB unpacked, 500 files. */
export const defaultPackageLimits: Readonly<PackageLimits> = Object.freeze({
  maxPackedBytes: 20 * MiB,
  maxUnpackedBytes: 50 * MiB,
  maxFiles: 500,
});
