/**
 * @module Reads a `.hpkg` archive into its manifest, files and signature, refusing anything
 * malformed or hostile before a byte of it is trusted. Checks structure only: the digest and
 * signature are `verifyPackage`'s job.
 */
import { assertManifest, ManifestError, PackageError, type PluginManifest } from '@heng/schemas';
import { readArchive } from './archive.ts';
import { MANIFEST_PATH, SIGNATURE_PATH } from './digest.ts';
import { defaultPackageLimits, type PackageLimits } from './limits.ts';
import { manifestFiles } from './manifest-files.ts';
import type { PackageSignature, PluginPackage } from './types.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(strictUtf8.decode(bytes));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new PackageError('invalid_package', `${path} in the package is not valid JSON: ${why}`, {
      cause: err,
    });
  }
}

function readManifest(value: unknown): PluginManifest {
  try {
    return assertManifest(value);
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    const issues = err.issues ?? [];
    const listed = issues.map((i) => `${MANIFEST_PATH}#${i.path}: ${i.message}`).join('; ');
    throw new PackageError('invalid_package', `invalid manifest in the package: ${listed}`, {
      cause: err,
      issues,
    });
  }
}

function readSignature(bytes: Uint8Array): PackageSignature {
  const value = parseJson(bytes, SIGNATURE_PATH) as Record<string, unknown> | null;
  const bad = (what: string) =>
    new PackageError('invalid_package', `${SIGNATURE_PATH} in the package: ${what}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad('must be a JSON object');
  }
  if (value['alg'] !== 'Ed25519') throw bad('"alg" must be "Ed25519"');
  if (typeof value['keyId'] !== 'string') throw bad('"keyId" must be a string');
  if (typeof value['signature'] !== 'string') throw bad('"signature" must be a base64 string');
  const files = value['files'];
  if (files !== undefined) {
    const ok =
      typeof files === 'object' &&
      files !== null &&
      Object.values(files).every((hex) => typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex));
    if (!ok) throw bad('"files" must map paths to SHA-256 hex strings');
  }
  return value as unknown as PackageSignature;
}

/** A read package with what signing and verifying need beyond {@link PluginPackage}. */
export interface UnpackedPackage {
  pkg: PluginPackage;
  /** The manifest exactly as parsed, before validation: what the digest covers. */
  manifestJson: unknown;
  /** The manifest's bytes as they are in the archive. */
  manifestBytes: Uint8Array;
}

/** {@link readPackage}, keeping the raw manifest for the digest (validation may add defaults). */
export function unpackPackage(
  bytes: Uint8Array,
  limits: Partial<PackageLimits> = {},
): UnpackedPackage {
  const entries = readArchive(bytes, { ...defaultPackageLimits, ...limits });
  const manifestBytes = entries.get(MANIFEST_PATH);
  if (!manifestBytes) {
    throw new PackageError('invalid_package', `package has no ${MANIFEST_PATH} at its root`);
  }
  const manifestJson = parseJson(manifestBytes, MANIFEST_PATH);
  const manifest = readManifest(structuredClone(manifestJson));
  const signatureBytes = entries.get(SIGNATURE_PATH);
  const signature = signatureBytes ? readSignature(signatureBytes) : undefined;
  entries.delete(MANIFEST_PATH);
  entries.delete(SIGNATURE_PATH);

  const named = manifestFiles(manifest);
  for (const { path, pointer } of named) {
    if (!entries.has(path)) {
      throw new PackageError(
        'invalid_package',
        `package has no file "${path}", named at ${MANIFEST_PATH}#${pointer}`,
      );
    }
  }
  const known = new Set(named.map((f) => f.path));
  for (const path of entries.keys()) {
    if (!known.has(path)) {
      throw new PackageError(
        'invalid_package',
        `package holds "${path}", which ${MANIFEST_PATH} does not name (not the entry, an asset or a ui panel)`,
      );
    }
  }
  const pkg = signature ? { manifest, files: entries, signature } : { manifest, files: entries };
  return { pkg, manifestJson, manifestBytes };
}

/**
 * Reads a package archive. Refuses (with `PackageError`, code `invalid_package`, naming the
 * path inside the archive) data that is not a zip; archives over the size or file-count
 * limits; unsafe or duplicate entry names; a missing or invalid `heng.plugin.json`; a missing
 * bundle, asset or ui panel file; files the manifest does not name; a malformed `signature.json`.
 * @example
 * const { manifest, files, signature } = readPackage(bytes);
 */
export function readPackage(bytes: Uint8Array, limits: Partial<PackageLimits> = {}): PluginPackage {
  return unpackPackage(bytes, limits).pkg;
}
