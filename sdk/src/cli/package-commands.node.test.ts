import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, tempDir } from './cli.fixture.ts';

describe('pack, sign and verify', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let plugin: string;
  let pkg: string;
  const at = (name: string) => join(tmp.dir, name);

  beforeAll(async () => {
    tmp = await tempDir();
    plugin = at('lamps');
    pkg = at('lamps.hpkg');
    expect((await cli('init', plugin, '--id', 'com.example.lamps')).status).toBe(0);
    expect((await cli('keygen', '--out', at('vendor'))).status).toBe(0);
    expect((await cli('keygen', '--out', at('stranger'))).status).toBe(0);
    expect((await cli('pack', plugin, '--out', pkg)).status).toBe(0);
    expect((await cli('sign', pkg, '--key', at('vendor.key.json'))).status).toBe(0);
  });
  afterAll(() => tmp.remove());

  test('pack builds the bundle first when it is missing', async () => {
    const run = await cli('pack', plugin, '--out', at('again.hpkg'));
    expect(run.stdout).not.toContain('built the bundle first');
    await writeFile(
      join(plugin, 'src/plugin.ts'),
      await readFile(join(plugin, 'src/plugin.ts'), 'utf8'),
    );
    const past = new Date(Date.now() - 60_000);
    await utimes(join(plugin, 'dist/plugin.js'), past, past);
    const rebuilt = await cli('pack', plugin, '--out', at('again.hpkg'));
    expect(rebuilt.stdout).toContain('built the bundle first');
  });

  test('pack refuses a plugin that does not validate, printing the problems', async () => {
    const bad = at('bad');
    expect((await cli('init', bad, '--id', 'com.example.bad')).status).toBe(0);
    const manifest = JSON.parse(await readFile(join(bad, 'heng.plugin.json'), 'utf8'));
    manifest.runsOn = ['cloud'];
    await writeFile(join(bad, 'heng.plugin.json'), JSON.stringify(manifest));
    const run = await cli('pack', bad);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('heng.plugin.json#/runsOn/0: ');
  });

  test('verify fails on a tampered package and says which file differs', async () => {
    const entries = unzipSync(new Uint8Array(await readFile(pkg)));
    entries['dist/plugin.js'] = new TextEncoder().encode('export default {};');
    const tampered = at('tampered.hpkg');
    await writeFile(tampered, zipSync(entries));
    const run = await cli('verify', tampered, '--trust', at('vendor.pub.json'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^error: package contents do not match the signed digest: "dist\/plugin\.js" differs from the signed one at .*tampered\.hpkg$/m,
    );
  });

  test('verify fails with a key it was not signed with, naming the signer', async () => {
    const signer = JSON.parse(await readFile(at('vendor.pub.json'), 'utf8'));
    const run = await cli('verify', pkg, '--trust', at('stranger.pub.json'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `error: package is signed by key ${signer.kid}, which is not among the 1 trusted keys at`,
    );
    const json = await cli('--json', 'verify', pkg, '--trust', at('stranger.pub.json'));
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'untrusted_key' } });
  });

  test('verify accepts the package when the signer is among several trusted keys', async () => {
    const run = await cli(
      'verify',
      pkg,
      '--trust',
      at('stranger.pub.json'),
      '--trust',
      at('vendor.pub.json'),
    );
    expect(run.status).toBe(0);
  });

  test('verify wants at least one trusted key', async () => {
    const run = await cli('verify', pkg);
    expect(run).toMatchObject({ status: 1 });
    expect(run.stderr).toContain(
      'error: no key to trust: give at least one --trust KEY.pub.json at --trust',
    );
  });

  test('sign refuses a public key in place of the private one', async () => {
    const run = await cli('sign', pkg, '--key', at('vendor.pub.json'), '--out', at('x.hpkg'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: "d" must be a string at .*vendor\.pub\.json/);
  });

  test('keygen makes a keys folder that does not exist yet, for its owner only', async () => {
    const run = await cli('keygen', '--out', at('keys/new/vendor'));
    expect(run.status).toBe(0);
    expect((await stat(at('keys/new'))).mode & 0o777).toBe(0o700);
    expect((await stat(at('keys/new/vendor.key.json'))).mode & 0o777).toBe(0o600);
  });

  test('keygen never overwrites a key', async () => {
    const before = await readFile(at('vendor.key.json'), 'utf8');
    const run = await cli('keygen', '--out', at('vendor'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the file exists already; keys are never overwritten');
    expect(await readFile(at('vendor.key.json'), 'utf8')).toBe(before);
    expect((await stat(at('vendor.key.json'))).mode & 0o777).toBe(0o600);
  });
});
