/**
 * @module The package digest: SHA-256 over the sorted lines `<path>\n<sha256 hex>\n` of every
 * file but `signature.json`, the manifest hashed as canonical JSON without its `digest`, so
 * the manifest can carry the digest of the package it is part of.
 */
import { toBase64, toHex } from './base64.ts';
import { canonicalJson } from './canonical-json.ts';

/** Where the manifest sits in a package. */
export const MANIFEST_PATH = 'heng.plugin.json';
/** Where the signature sits in a signed package; the only file outside the digest. */
export const SIGNATURE_PATH = 'signature.json';

const utf8 = new TextEncoder();

/** SHA-256 of bytes (WebCrypto). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  // WebCrypto's types want an ArrayBuffer-backed view; a SharedArrayBuffer one is copied.
  const view =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  return new Uint8Array(await crypto.subtle.digest('SHA-256', view));
}

/** The manifest bytes the digest covers: canonical JSON with `digest` left out. */
export function manifestDigestBytes(manifest: object): Uint8Array {
  return utf8.encode(canonicalJson({ ...manifest, digest: undefined }));
}

/** Orders paths by their UTF-8 bytes, which any language can reproduce. */
function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

/**
 * The SHA-256 hex of every file the digest covers, by path: the manifest (canonical, without
 * digest) and `files` (which must hold neither the manifest nor the signature).
 */
export async function fileHashes(
  manifest: object,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  hashes.set(MANIFEST_PATH, toHex(await sha256(manifestDigestBytes(manifest))));
  for (const [path, bytes] of files) hashes.set(path, toHex(await sha256(bytes)));
  return hashes;
}

/** The digest (`sha256-<base64>`) of a list of file hashes, as {@link fileHashes} returns. */
export async function digestOfHashes(hashes: ReadonlyMap<string, string>): Promise<string> {
  const lines = [...hashes.keys()]
    .sort(compareUtf8)
    .map((path) => `${path}\n${hashes.get(path)}\n`)
    .join('');
  return `sha256-${toBase64(await sha256(utf8.encode(lines)))}`;
}

/**
 * The digest of a package made of `manifest` and `files` (everything else, without the
 * manifest or the signature).
 * @example
 * const files = new Map([['dist/plugin.js', new TextEncoder().encode(bundle)]]);
 * const digest = await packageDigest(manifest, files);
 * // 'sha256-…' — what packPlugin writes into manifest.digest
 */
export async function packageDigest(
  manifest: object,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<string> {
  return digestOfHashes(await fileHashes(manifest, files));
}
