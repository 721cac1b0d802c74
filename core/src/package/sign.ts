/**
 * @module Signs a package with a vendor's Ed25519 key: `signature.json` holds the key id and
 * the signature over `heng-package-v1\n<id>\n<version>\n<digest>`.
 */
import { PackageError } from '@heng/schemas';
import { writeArchive } from './archive.ts';
import { toBase64 } from './base64.ts';
import { digestOfHashes, fileHashes, MANIFEST_PATH, SIGNATURE_PATH } from './digest.ts';
import { importPrivateKey, keyId, type PrivateKeyRecord } from './keys.ts';
import { unpackPackage } from './read.ts';
import type { PackageSignature } from './types.ts';

/** The exact bytes a package signature covers. */
export function signedMessage(
  id: string,
  version: string,
  digest: string,
): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`heng-package-v1\n${id}\n${version}\n${digest}`);
}

/**
 * Signs a packed package, replacing any earlier signature. Refuses a package whose contents
 * no longer match its digest, so a vendor never signs what they did not pack.
 * @param privateKey an extractable Ed25519 private key, or its JWK record (`NAME.key.json`).
 * @throws PackageError (`invalid_package`, `digest_mismatch`); HengError (`invalid_input`) for a bad key.
 * @example
 * import { readFile } from 'node:fs/promises';
 * const signed = await signPackage(hpkg, JSON.parse(await readFile('acme.key.json', 'utf8')));
 */
export async function signPackage(
  bytes: Uint8Array,
  privateKey: CryptoKey | PrivateKeyRecord,
): Promise<Uint8Array> {
  const { pkg, manifestJson, manifestBytes } = unpackPackage(bytes);
  const { manifest, files } = pkg;
  if (!manifest.digest) {
    throw new PackageError(
      'invalid_package',
      `${MANIFEST_PATH} has no digest: pack the plugin first`,
    );
  }
  const hashes = await fileHashes(manifestJson as object, files);
  if ((await digestOfHashes(hashes)) !== manifest.digest) {
    throw new PackageError(
      'digest_mismatch',
      `package contents do not match ${MANIFEST_PATH}#/digest: pack the plugin again before signing`,
    );
  }
  const key = privateKey instanceof CryptoKey ? privateKey : await importPrivateKey(privateKey);
  const raw = await crypto.subtle.sign(
    'Ed25519',
    key,
    signedMessage(manifest.id, manifest.version, manifest.digest),
  );
  const signature: PackageSignature = {
    alg: 'Ed25519',
    keyId: await keyId(key),
    signature: toBase64(new Uint8Array(raw)),
    files: Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  const entries = new Map(files);
  entries.set(MANIFEST_PATH, manifestBytes);
  entries.set(SIGNATURE_PATH, new TextEncoder().encode(`${JSON.stringify(signature, null, 2)}\n`));
  return writeArchive(entries, [MANIFEST_PATH, SIGNATURE_PATH]);
}
