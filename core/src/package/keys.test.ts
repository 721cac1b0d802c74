import { describe, expect, test } from 'vitest';
import { toBase64Url } from './base64.ts';
import { sha256 } from './digest.ts';
import {
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  keyId,
  publicKeyOf,
} from './keys.ts';

describe('vendor keys', () => {
  test('names a key by the first 16 base64url characters of the SHA-256 of its raw bytes', async () => {
    const { publicKey } = await generateKeyPair();
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', publicKey));
    const id = await keyId(publicKey);
    expect(id).toBe(toBase64Url(await sha256(raw)).slice(0, 16));
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  test('gives the same id for a key pair’s private key, public key and JWK record', async () => {
    const pair = await generateKeyPair();
    const record = await exportPrivateKey(pair.privateKey);
    const id = await keyId(pair.publicKey);
    expect(await keyId(pair.privateKey)).toBe(id);
    expect(await keyId(record)).toBe(id);
    expect(record.kid).toBe(id);
  });

  test('exports JWK records that import back and sign/verify together', async () => {
    const pair = await generateKeyPair();
    const priv = await exportPrivateKey(pair.privateKey);
    const pub = await exportPublicKey(pair.publicKey);
    expect(pub).toEqual(publicKeyOf(priv));
    expect(Object.keys(pub).sort()).toEqual(['crv', 'kid', 'kty', 'x']);
    const message = new TextEncoder().encode('heng');
    const signature = await crypto.subtle.sign('Ed25519', await importPrivateKey(priv), message);
    expect(
      await crypto.subtle.verify('Ed25519', await importPublicKey(pub), signature, message),
    ).toBe(true);
  });

  test('refuses a private key whose d and x belong to different key pairs', async () => {
    const a = await exportPrivateKey((await generateKeyPair()).privateKey);
    const b = await exportPrivateKey((await generateKeyPair()).privateKey);
    const mixed = { kty: 'OKP', crv: 'Ed25519', x: b.x, d: a.d };
    await expect(importPrivateKey(mixed, 'acme.key.json')).rejects.toThrow(
      'acme.key.json: "d" and "x" are not one key pair',
    );
  });

  test('refuses a record whose kid is not its key id', async () => {
    const pub = await exportPublicKey((await generateKeyPair()).publicKey);
    await expect(
      importPublicKey({ ...pub, kid: 'AAAAAAAAAAAAAAAA' }, 'acme.pub.json'),
    ).rejects.toThrow(/acme\.pub\.json: "kid" "AAAAAAAAAAAAAAAA" is not this key's id/);
  });

  test('refuses records that are not Ed25519 JWKs, naming the source', async () => {
    await expect(
      importPublicKey({ kty: 'RSA', n: 'x', e: 'AQAB' }, 'k.pub.json'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('k.pub.json: must be an Ed25519 JWK'),
    });
    await expect(
      importPublicKey({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }, 'k.pub.json'),
    ).rejects.toThrow('k.pub.json: "x" must be 32 bytes, not 3');
    await expect(
      importPrivateKey({ kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) }),
    ).rejects.toThrow('private key: "d" must be a string');
  });
});
