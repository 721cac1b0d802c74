/**
 * @module Verifies a package before anything installs it: the signer is trusted, the
 * signature covers the manifest's id, version and digest, and every file matches the digest.
 */
import { HengError, PackageError } from '@heng/schemas';
import { fromBase64 } from './base64.ts';
import { digestOfHashes, fileHashes, MANIFEST_PATH, SIGNATURE_PATH } from './digest.ts';
import { importPublicKey, keyId, type PublicKeyRecord } from './keys.ts';
import type { PackageLimits } from './limits.ts';
import { entryOf } from './manifest-files.ts';
import { unpackPackage } from './read.ts';
import { signedMessage } from './sign.ts';
import type { PackageSignature, VerifiedPackage } from './types.ts';

/** What {@link verifyPackage} trusts. */
export interface VerifyOptions {
  /** The public keys whose signatures are accepted (e.g. the hub's trusted vendor keys). */
  trustedKeys: readonly PublicKeyRecord[];
  limits?: Partial<PackageLimits>;
}

async function findTrustedKey(
  keys: readonly PublicKeyRecord[],
  id: string,
): Promise<PublicKeyRecord | undefined> {
  for (const key of keys) {
    // The id is recomputed from the key itself: a record's own `kid` is only a label.
    if ((await keyId(key)) === id) return key;
  }
  return undefined;
}

/** Names what changed, when the signer's per-file hashes are there and can be trusted. */
async function describeMismatch(
  actual: Map<string, string>,
  signature: PackageSignature,
  digest: string,
): Promise<string> {
  const listed = signature.files ? new Map(Object.entries(signature.files)) : undefined;
  if (!listed || (await digestOfHashes(listed)) !== digest) {
    return `package contents do not match the signed digest ${digest}`;
  }
  const differences: string[] = [];
  for (const [path, hash] of actual) {
    const expected = listed.get(path);
    if (expected === undefined) differences.push(`"${path}" was added`);
    else if (expected !== hash) differences.push(`"${path}" differs from the signed one`);
  }
  for (const path of listed.keys()) {
    if (!actual.has(path)) differences.push(`"${path}" is missing`);
  }
  return `package contents do not match the signed digest: ${differences.join(', ')}`;
}

/**
 * Verifies a signed package against trusted keys and returns what the host needs to run it.
 * @throws PackageError with code `invalid_package` (malformed archive, see `readPackage`),
 * `signature_invalid` (unsigned, or the signature does not verify), `untrusted_key` (names
 * the key id) or `digest_mismatch` (names the file that differs).
 * @example
 * const { manifest, bundle, keyId } = await verifyPackage(bytes, { trustedKeys: [vendorKey] });
 */
export async function verifyPackage(
  bytes: Uint8Array,
  { trustedKeys, limits }: VerifyOptions,
): Promise<VerifiedPackage> {
  const { pkg, manifestJson } = unpackPackage(bytes, limits);
  const { manifest, files, signature } = pkg;
  if (!signature) {
    throw new PackageError(
      'signature_invalid',
      `package is not signed: it has no ${SIGNATURE_PATH}`,
    );
  }
  const trusted = await findTrustedKey(trustedKeys, signature.keyId);
  if (!trusted) {
    throw new PackageError(
      'untrusted_key',
      `package is signed by key ${signature.keyId}, which is not among the ${trustedKeys.length} trusted keys`,
    );
  }
  const digest = manifest.digest;
  if (!digest) throw new PackageError('invalid_package', `${MANIFEST_PATH} has no digest`);

  let signatureBytes: Uint8Array<ArrayBuffer>;
  try {
    signatureBytes = fromBase64(signature.signature) as Uint8Array<ArrayBuffer>;
  } catch {
    throw new PackageError('signature_invalid', `${SIGNATURE_PATH}#/signature is not base64`);
  }
  let valid: boolean;
  try {
    const key = await importPublicKey(trusted, `trusted key ${signature.keyId}`);
    const message = signedMessage(manifest.id, manifest.version, digest);
    valid = await crypto.subtle.verify('Ed25519', key, signatureBytes, message);
  } catch (err) {
    if (err instanceof HengError) throw err;
    valid = false;
  }
  if (!valid) {
    throw new PackageError(
      'signature_invalid',
      `${SIGNATURE_PATH} does not verify with key ${signature.keyId} for ${manifest.id}@${manifest.version} (${digest})`,
    );
  }

  const actual = await fileHashes(manifestJson as object, files);
  if ((await digestOfHashes(actual)) !== digest) {
    throw new PackageError('digest_mismatch', await describeMismatch(actual, signature, digest));
  }
  const entry = entryOf(manifest);
  let bundle: string;
  try {
    bundle = new TextDecoder('utf-8', { fatal: true }).decode(files.get(entry));
  } catch (err) {
    throw new PackageError('invalid_package', `bundle "${entry}" is not UTF-8 text`, {
      cause: err,
    });
  }
  return { manifest, bundle, files, keyId: signature.keyId };
}
