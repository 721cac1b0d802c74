/**
 * @module Packs a built plugin into a `.hpkg` archive: manifest (with the package digest
 * written into it), bundle, assets and ui panel files.
 */
import { PackageError, type PluginManifest } from '@heng/schemas';
import { writeArchive } from './archive.ts';
import { unsafePathReason } from './archive-path.ts';
import { MANIFEST_PATH, packageDigest, SIGNATURE_PATH } from './digest.ts';
import { readPackage } from './read.ts';

/** What {@link packPlugin} packs. */
export interface PackInput {
  /** The manifest as the vendor wrote it; its `digest`, if any, is replaced. */
  manifest: PluginManifest;
  /** The bundle at `manifest.entry`, the assets and the ui panel files, by package path. */
  files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Makes an unsigned package. Computes the digest, stores it as `manifest.digest`, zips
 * reproducibly (the same input gives the same bytes), then reads the result back with
 * `readPackage` so that a package that could not be installed is never produced.
 * @throws PackageError (`invalid_package`) naming the file or manifest path at fault.
 * @example
 * const files = new Map([['dist/plugin.js', new TextEncoder().encode(bundle)]]);
 * const hpkg = await packPlugin({ manifest, files });
 */
export async function packPlugin({ manifest, files }: PackInput): Promise<Uint8Array> {
  for (const path of files.keys()) {
    const reason = unsafePathReason(path);
    if (reason || path.endsWith('/')) {
      throw new PackageError('invalid_package', `cannot pack "${path}": ${reason ?? 'not a file'}`);
    }
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH) {
      throw new PackageError(
        'invalid_package',
        `cannot pack "${path}" as a file: the packer writes it`,
      );
    }
  }
  const digest = await packageDigest(manifest, files);
  const withDigest = { ...manifest, digest };
  const entries = new Map(files);
  entries.set(MANIFEST_PATH, new TextEncoder().encode(`${JSON.stringify(withDigest, null, 2)}\n`));
  const bytes = writeArchive(entries, [MANIFEST_PATH]);
  readPackage(bytes);
  return bytes;
}
