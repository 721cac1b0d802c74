/**
 * @module Password hashes: scrypt from node:crypto with a random salt per user, compared in
 * constant time. The parameters are stored with each hash so they can be raised later.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** What a user document keeps instead of the password. */
export interface PasswordHash {
  algorithm: 'scrypt';
  /** scrypt's cost (N), block size (r) and parallelism (p). */
  N: number;
  r: number;
  p: number;
  /** base64url */
  salt: string;
  /** base64url, 32 bytes */
  hash: string;
}

// N = 2^15: about 30–60 ms per check on the machines Heng targets, 32 MiB of memory.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Uint8Array, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 128 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** Hashes a password with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = new Uint8Array(randomBytes(16));
  const key = await derive(password, salt, PARAMS);
  return {
    algorithm: 'scrypt',
    ...PARAMS,
    salt: Buffer.from(salt).toString('base64url'),
    hash: key.toString('base64url'),
  };
}

/** Whether `password` matches; the comparison takes the same time whichever byte differs. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64url');
  const key = await derive(password, new Uint8Array(Buffer.from(stored.salt, 'base64url')), {
    N: stored.N,
    r: stored.r,
    p: stored.p,
  });
  return (
    key.length === expected.length && timingSafeEqual(new Uint8Array(key), new Uint8Array(expected))
  );
}

/**
 * A hash of nothing anyone knows, checked when the user does not exist, so that a wrong user
 * id costs as long as a wrong password and the two cannot be told apart by timing.
 */
let decoy: Promise<PasswordHash> | undefined;
export function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}

/** A random password for accounts the hub creates (the first administrator, created users). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
