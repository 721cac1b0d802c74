import { unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { packageDigest } from './digest.ts';
import { packPlugin } from './pack.ts';
import { readPackage } from './read.ts';
import { sampleFiles, sampleManifest } from './sample.fixture.ts';
import { entryText, renameEntries, replaceEntry } from './tamper.fixture.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('packPlugin and readPackage', () => {
  test('pack then read gives back the manifest (with its digest) and the files', async () => {
    const bytes = await packPlugin({ manifest: sampleManifest(), files: sampleFiles() });
    const pkg = readPackage(bytes);
    expect(pkg.manifest).toMatchObject(sampleManifest());
    expect(pkg.manifest.digest).toBe(await packageDigest(sampleManifest(), sampleFiles()));
    expect(pkg.manifest.digest).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect(pkg.files).toEqual(sampleFiles());
    expect(pkg.signature).toBeUndefined();
  });

  test('writes the same bytes for the same plugin, whatever the order of files', async () => {
    const reversed = new Map([...sampleFiles()].reverse());
    const a = await packPlugin({ manifest: sampleManifest(), files: sampleFiles() });
    const b = await packPlugin({ manifest: sampleManifest(), files: reversed });
    expect(a).toEqual(b);
  });

  test('does not let the manifest’s formatting or key order change the digest', async () => {
    const manifest = sampleManifest();
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as typeof manifest;
    expect(await packageDigest(reordered, sampleFiles())).toBe(
      await packageDigest(manifest, sampleFiles()),
    );
    const withOldDigest = { ...manifest, digest: `sha256-${'A'.repeat(43)}=` };
    expect(await packageDigest(withOldDigest, sampleFiles())).toBe(
      await packageDigest(manifest, sampleFiles()),
    );
  });

  test('changes the digest when any file changes', async () => {
    const files = sampleFiles();
    files.set('assets/icon.svg', text('<svg/>'));
    expect(await packageDigest(sampleManifest(), files)).not.toBe(
      await packageDigest(sampleManifest(), sampleFiles()),
    );
  });

  test('refuses to pack without a file the manifest names', async () => {
    const files = sampleFiles();
    files.delete('ui/lamp-map.html');
    await expect(packPlugin({ manifest: sampleManifest(), files })).rejects.toThrow(
      'package has no file "ui/lamp-map.html", named at heng.plugin.json#/ui/panels/0/entry',
    );
  });

  test('refuses to pack unsafe paths or a file posing as the manifest', async () => {
    const files = sampleFiles();
    files.set('../escape.js', text('x'));
    await expect(packPlugin({ manifest: sampleManifest(), files })).rejects.toThrow(
      'cannot pack "../escape.js": ".." segments are not allowed',
    );
    const posing = sampleFiles();
    posing.set('signature.json', text('{}'));
    await expect(packPlugin({ manifest: sampleManifest(), files: posing })).rejects.toThrow(
      'cannot pack "signature.json" as a file',
    );
  });
});

describe('readPackage refuses', () => {
  const packed = () => packPlugin({ manifest: sampleManifest(), files: sampleFiles() });

  test('a package without heng.plugin.json', async () => {
    const bytes = replaceEntry(await packed(), 'heng.plugin.json', undefined);
    expect(() => readPackage(bytes)).toThrow('package has no heng.plugin.json at its root');
  });

  test('a package without its bundle', async () => {
    const bytes = replaceEntry(await packed(), 'dist/plugin.js', undefined);
    expect(() => readPackage(bytes)).toThrow(
      'package has no file "dist/plugin.js", named at heng.plugin.json#/entry',
    );
  });

  test('a manifest that is not JSON', async () => {
    const bytes = replaceEntry(await packed(), 'heng.plugin.json', text('{ "id": '));
    expect(() => readPackage(bytes)).toThrow(/heng\.plugin\.json in the package is not valid JSON/);
  });

  test('an invalid manifest, naming the path inside it', async () => {
    const bad = JSON.parse(entryText(await packed(), 'heng.plugin.json'));
    bad.version = 'one';
    const bytes = replaceEntry(await packed(), 'heng.plugin.json', text(JSON.stringify(bad)));
    expect(() => readPackage(bytes)).toThrow(
      /invalid manifest in the package: heng\.plugin\.json#\/version: /,
    );
    expect(() => readPackage(bytes)).toThrow(expect.objectContaining({ code: 'invalid_package' }));
  });

  test('a file the manifest does not name', async () => {
    const bytes = replaceEntry(await packed(), 'dist/extra.js', text('evil()'));
    expect(() => readPackage(bytes)).toThrow(
      'package holds "dist/extra.js", which heng.plugin.json does not name',
    );
  });

  test('a malformed signature.json', async () => {
    const bytes = replaceEntry(await packed(), 'signature.json', text('{"alg":"RS256"}'));
    expect(() => readPackage(bytes)).toThrow(
      'signature.json in the package: "alg" must be "Ed25519"',
    );
  });

  test('a zip-slip entry beside a valid plugin', async () => {
    const zip = zipSync({ ...unzipSync(await packed()), 'xx/evil.js': text('boom') });
    expect(() => readPackage(renameEntries(zip, 'xx/evil.js', '../evil.js'))).toThrow(
      'unsafe entry name "../evil.js"',
    );
  });
});
