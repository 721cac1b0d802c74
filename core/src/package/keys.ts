/**
 * @module Vendor signing keys: Ed25519 through WebCrypto, stored as JWK files
 * (`{ kty: "OKP", crv: "Ed25519", x, d?, kid }`) and named by a short key id.
 */
import { HengError } from '@heng/schemas';
import { fromBase64, toBase64Url } from './base64.ts';
import { sha256 } from './digest.ts';

/** A public key as a JWK; `kid` is its {@link keyId}. What a hub lists as trusted. */
export interface PublicKeyRecord {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The raw 32-byte public key, base64url. */
  x: string;
  kid?: string;
}

/** A private key as a JWK (`d` is the 32-byte seed, base64url). Keep it out of logs. */
export interface PrivateKeyRecord extends PublicKeyRecord {
  d: string;
}

const ED25519 = { name: 'Ed25519' } as const;

/** Makes a new extractable Ed25519 key pair. */
export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function rawPublicKey(key: CryptoKey | Uint8Array | PublicKeyRecord): Promise<Uint8Array> {
  if (key instanceof Uint8Array) return key;
  if (!(key instanceof CryptoKey)) return decodeKeyPart(key.x, 'x', 'public key');
  if (key.type === 'public') return new Uint8Array(await crypto.subtle.exportKey('raw', key));
  // WebCrypto cannot derive a public key from a private one; the JWK export carries it.
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (!jwk.x) throw new HengError('invalid_input', 'private key: its JWK export has no "x"');
  return decodeKeyPart(jwk.x, 'x', 'private key');
}

/**
 * The key id: the first 16 characters of base64url(SHA-256(raw public key)).
 * Takes a public key, a private key (extractable), raw public key bytes or a JWK record.
 */
export async function keyId(key: CryptoKey | Uint8Array | PublicKeyRecord): Promise<string> {
  return toBase64Url(await sha256(await rawPublicKey(key))).slice(0, 16);
}

/** Exports a public key as a JWK record with its `kid`. */
export async function exportPublicKey(key: CryptoKey): Promise<PublicKeyRecord> {
  const x = toBase64Url(await rawPublicKey(key));
  return { kty: 'OKP', crv: 'Ed25519', x, kid: await keyId(fromBase64(x)) };
}

/** Exports an extractable private key as a JWK record (with `x` and `kid`). */
export async function exportPrivateKey(key: CryptoKey): Promise<PrivateKeyRecord> {
  if (key.type !== 'private')
    throw new HengError('invalid_input', 'exportPrivateKey: not a private key');
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (!jwk.x || !jwk.d)
    throw new HengError('invalid_input', 'private key: JWK export lacks x or d');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: await keyId(fromBase64(jwk.x)) };
}

/** The public half of a private key record, safe to publish. */
export function publicKeyOf(record: PrivateKeyRecord): PublicKeyRecord {
  return { kty: record.kty, crv: record.crv, x: record.x, kid: record.kid };
}

function decodeKeyPart(text: unknown, member: string, where: string): Uint8Array {
  if (typeof text !== 'string')
    throw new HengError('invalid_input', `${where}: "${member}" must be a string`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(text);
  } catch {
    throw new HengError('invalid_input', `${where}: "${member}" is not base64url`);
  }
  if (bytes.length !== 32) {
    throw new HengError(
      'invalid_input',
      `${where}: "${member}" must be 32 bytes, not ${bytes.length}`,
    );
  }
  return bytes;
}

/** Checks the shape of a JWK record (and that its `kid`, when present, is the key's id). */
async function checkRecord(
  value: unknown,
  where: string,
  priv: boolean,
): Promise<PrivateKeyRecord> {
  if (typeof value !== 'object' || value === null)
    throw new HengError('invalid_input', `${where}: not a JSON object`);
  const jwk = value as Record<string, unknown>;
  if (jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519') {
    throw new HengError(
      'invalid_input',
      `${where}: must be an Ed25519 JWK (kty "OKP", crv "Ed25519")`,
    );
  }
  const x = decodeKeyPart(jwk['x'], 'x', where);
  if (priv) decodeKeyPart(jwk['d'], 'd', where);
  const id = await keyId(x);
  if (jwk['kid'] !== undefined && jwk['kid'] !== id) {
    throw new HengError(
      'invalid_input',
      `${where}: "kid" ${JSON.stringify(jwk['kid'])} is not this key's id (${id})`,
    );
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk['x'] as string, d: jwk['d'] as string, kid: id };
}

/**
 * Imports a public key record (e.g. a parsed `NAME.pub.json`) for verifying.
 * @param where names the source in error messages, e.g. the file path.
 * @throws HengError (`invalid_input`) when the record is not an Ed25519 public JWK.
 */
export async function importPublicKey(record: unknown, where = 'public key'): Promise<CryptoKey> {
  const { x } = await checkRecord(record, where, false);
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, ED25519, true, [
    'verify',
  ]);
}

/**
 * Imports a private key record (e.g. a parsed `NAME.key.json`) for signing; the key stays
 * extractable so {@link keyId} can name it.
 * @throws HengError (`invalid_input`) when the record is not an Ed25519 private JWK.
 */
export async function importPrivateKey(record: unknown, where = 'private key'): Promise<CryptoKey> {
  const { x, d } = await checkRecord(record, where, true);
  const mismatch = (cause?: unknown) =>
    new HengError('invalid_input', `${where}: "d" and "x" are not one key pair`, { cause });
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x, d },
      ED25519,
      true,
      ['sign'],
    );
  } catch (err) {
    throw mismatch(err);
  }
  // Node refuses a mismatched pair at import, Deno derives x from d instead: check both ways.
  if ((await crypto.subtle.exportKey('jwk', key)).x !== x) throw mismatch();
  return key;
}
