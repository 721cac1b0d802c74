import { beforeAll, describe, expect, test } from 'vitest';
import {
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  type PublicKeyRecord,
} from './keys.ts';
import { packPlugin } from './pack.ts';
import { readPackage } from './read.ts';
import { sampleFiles, sampleManifest } from './sample.fixture.ts';
import { signPackage } from './sign.ts';
import { entryText, replaceEntry } from './tamper.fixture.ts';
import { verifyPackage } from './verify.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('signPackage and verifyPackage', () => {
  let vendor: CryptoKeyPair;
  let vendorPublic: PublicKeyRecord;
  let signed: Uint8Array;

  beforeAll(async () => {
    vendor = await generateKeyPair();
    vendorPublic = await exportPublicKey(vendor.publicKey);
    signed = await signPackage(
      await packPlugin({ manifest: sampleManifest(), files: sampleFiles() }),
      vendor.privateKey,
    );
  });

  test('verifies a package signed by a trusted key and hands over the bundle', async () => {
    const verified = await verifyPackage(signed, { trustedKeys: [vendorPublic] });
    expect(verified.keyId).toBe(vendorPublic.kid);
    expect(verified.manifest.id).toBe('com.example.lamps');
    expect(verified.bundle).toBe('export default { activate() {} };\n');
    expect(verified.files).toEqual(sampleFiles());
  });

  test('writes signature.json with the algorithm, key id and a base64 signature', () => {
    const signature = readPackage(signed).signature;
    expect(signature).toMatchObject({ alg: 'Ed25519', keyId: vendorPublic.kid });
    expect(signature?.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  test('signs with a private key record (a NAME.key.json file) as well', async () => {
    const record = await exportPrivateKey(vendor.privateKey);
    const again = await signPackage(signed, record);
    await expect(verifyPackage(again, { trustedKeys: [vendorPublic] })).resolves.toMatchObject({
      keyId: vendorPublic.kid,
    });
  });

  test('refuses a tampered bundle, naming the file that differs', async () => {
    const tampered = replaceEntry(
      signed,
      'dist/plugin.js',
      text('export default { activate() { steal(); } };'),
    );
    await expect(verifyPackage(tampered, { trustedKeys: [vendorPublic] })).rejects.toMatchObject({
      code: 'digest_mismatch',
      message: expect.stringContaining('"dist/plugin.js" differs from the signed one'),
    });
  });

  test('refuses a tampered manifest that asks for more than was signed', async () => {
    const manifest = JSON.parse(entryText(signed, 'heng.plugin.json'));
    manifest.permissions.push({ capability: 'net:fetch', hosts: ['evil.example.com'] });
    const tampered = replaceEntry(signed, 'heng.plugin.json', text(JSON.stringify(manifest)));
    await expect(verifyPackage(tampered, { trustedKeys: [vendorPublic] })).rejects.toMatchObject({
      code: 'digest_mismatch',
      message: expect.stringContaining('"heng.plugin.json" differs from the signed one'),
    });
  });

  test('refuses a manifest whose digest was rewritten to match tampered files', async () => {
    const manifest = JSON.parse(entryText(signed, 'heng.plugin.json'));
    manifest.version = '1.2.1';
    const repacked = await packPlugin({ manifest, files: sampleFiles() });
    const resigned = replaceEntry(
      repacked,
      'signature.json',
      text(entryText(signed, 'signature.json')),
    );
    await expect(verifyPackage(resigned, { trustedKeys: [vendorPublic] })).rejects.toMatchObject({
      code: 'signature_invalid',
    });
  });

  test('refuses a signature swapped in from another package by the same vendor', async () => {
    const other = sampleManifest();
    other.id = 'com.example.other';
    const otherSigned = await signPackage(
      await packPlugin({ manifest: other, files: sampleFiles() }),
      vendor.privateKey,
    );
    const swapped = replaceEntry(
      signed,
      'signature.json',
      text(entryText(otherSigned, 'signature.json')),
    );
    await expect(verifyPackage(swapped, { trustedKeys: [vendorPublic] })).rejects.toMatchObject({
      code: 'signature_invalid',
      message: expect.stringContaining(`does not verify with key ${vendorPublic.kid}`),
    });
  });

  test('refuses a package signed by a key that is not trusted, naming the key', async () => {
    const stranger = await exportPublicKey((await generateKeyPair()).publicKey);
    await expect(verifyPackage(signed, { trustedKeys: [stranger] })).rejects.toMatchObject({
      code: 'untrusted_key',
      message: `package is signed by key ${vendorPublic.kid}, which is not among the 1 trusted keys`,
    });
  });

  test('does not trust a key record because of the kid it claims', async () => {
    const stranger = await exportPublicKey((await generateKeyPair()).publicKey);
    const impostor = { ...stranger, kid: vendorPublic.kid };
    await expect(verifyPackage(signed, { trustedKeys: [impostor] })).rejects.toMatchObject({
      code: 'untrusted_key',
    });
  });

  test('refuses an unsigned package', async () => {
    const unsigned = replaceEntry(signed, 'signature.json', undefined);
    await expect(verifyPackage(unsigned, { trustedKeys: [vendorPublic] })).rejects.toMatchObject({
      code: 'signature_invalid',
      message: 'package is not signed: it has no signature.json',
    });
  });

  test('refuses to sign a package whose files no longer match its digest', async () => {
    const tampered = replaceEntry(signed, 'assets/icon.svg', text('<svg/>'));
    await expect(signPackage(tampered, vendor.privateKey)).rejects.toMatchObject({
      code: 'digest_mismatch',
    });
  });

  test('refuses a malformed archive before looking at signatures', async () => {
    await expect(
      verifyPackage(text('not a zip'), { trustedKeys: [vendorPublic] }),
    ).rejects.toMatchObject({
      code: 'invalid_package',
    });
  });
});
