/** @module Vendor key files: `NAME.key.json` (private JWK, mode 0600) and `NAME.pub.json`. */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  exportPrivateKey,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  type PublicKeyRecord,
  publicKeyOf,
} from '@heng/core';
import { CliError } from './output.ts';
import { shown } from './plugin-dir.ts';

/** The files of a new key pair. */
export interface KeyFiles {
  keyId: string;
  privateFile: string;
  publicFile: string;
}

/**
 * Makes a key pair and writes `<name>.key.json` (readable by the owner only) and
 * `<name>.pub.json`. Never overwrites: a lost private key cannot be recovered.
 */
export async function writeKeyPair(name: string): Promise<KeyFiles> {
  const privateFile = `${name}.key.json`;
  const publicFile = `${name}.pub.json`;
  const record = await exportPrivateKey((await generateKeyPair()).privateKey);
  // A keys folder that does not exist yet is made, readable by its owner only.
  await mkdir(dirname(privateFile), { recursive: true, mode: 0o700 });
  const write = async (path: string, value: unknown, mode: number) => {
    try {
      await writeFile(path, `${JSON.stringify(value, null, 2)}\n`, { mode, flag: 'wx' });
    } catch (err) {
      const why =
        (err as NodeJS.ErrnoException).code === 'EEXIST'
          ? 'the file exists already; keys are never overwritten'
          : (err as Error).message;
      throw new CliError('invalid_input', `cannot write the key (${why})`, shown(path), {
        cause: err,
      });
    }
    await chmod(path, mode); // the umask may have narrowed it; never widened
  };
  await write(privateFile, record, 0o600);
  await write(publicFile, publicKeyOf(record), 0o644);
  return { keyId: record.kid!, privateFile, publicFile };
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(
      'invalid_input',
      `cannot read the ${what} (${(err as Error).message})`,
      shown(path),
      { cause: err },
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError('invalid_input', `the ${what} is not valid JSON`, shown(path), {
      cause: err,
    });
  }
}

/** Imports a key read from `path`; a bad key is a CliError at that file, the reason without its prefix. */
async function importAt<T>(path: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    throw new CliError(
      'invalid_input',
      (err as Error).message.replace(`${shown(path)}: `, ''),
      shown(path),
      {
        cause: err,
      },
    );
  }
}

/** Reads a private key file for signing. */
export async function readPrivateKeyFile(path: string): Promise<CryptoKey> {
  const json = await readJson(path, 'private key');
  return importAt(path, () => importPrivateKey(json, shown(path)));
}

/** Reads a public key file to trust, checking that it is an Ed25519 public key. */
export async function readPublicKeyFile(path: string): Promise<PublicKeyRecord> {
  const json = await readJson(path, 'public key');
  await importAt(path, () => importPublicKey(json, shown(path)));
  return json as PublicKeyRecord;
}
