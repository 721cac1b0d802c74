import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliProcess, tempDir } from './cli.fixture.ts';

// Eight child processes, each loading the CLI: slower than the default timeout allows for.
describe('the vendor path, as real commands: init → validate → build → keygen → pack → sign → verify', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.remove());

  test('takes a new plugin from scaffold to a verified signed package', async () => {
    const cwd = tmp.dir;
    const init = await cliProcess(
      cwd,
      'init',
      'air',
      '--id',
      'com.example.air',
      '--name',
      'Air watch',
    );
    expect(init).toMatchObject({ status: 0, stderr: '' });
    expect(init.stdout).toContain('created com.example.air in air');

    const validate = await cliProcess(cwd, 'validate', 'air');
    expect(validate).toMatchObject({ status: 0, stderr: '' });
    expect(validate.stdout).toContain('com.example.air@0.1.0 is valid');

    const build = await cliProcess(cwd, 'build', 'air');
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/^built air\/dist\/plugin\.js \(\d+\.\d KiB\)$/m);
    const bundle = await readFile(join(cwd, 'air/dist/plugin.js'), 'utf8');
    expect(bundle).toContain('export {');
    expect(bundle).not.toMatch(/from ["']@heng\/sdk["']/);

    const keygen = await cliProcess(cwd, 'keygen', '--out', 'acme');
    expect(keygen.status).toBe(0);
    const key = JSON.parse(await readFile(join(cwd, 'acme.key.json'), 'utf8'));
    expect(keygen.stdout).not.toContain(key.d);
    expect((await stat(join(cwd, 'acme.key.json'))).mode & 0o777).toBe(0o600);

    const pack = await cliProcess(cwd, 'pack', 'air');
    expect(pack.status).toBe(0);
    expect(pack.stdout).toContain(
      'packed com.example.air@0.1.0 into air/com.example.air-0.1.0.hpkg',
    );
    const digest = /digest (sha256-\S+)/.exec(pack.stdout)?.[1];
    expect(digest).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);

    const sign = await cliProcess(
      cwd,
      'sign',
      'air/com.example.air-0.1.0.hpkg',
      '--key',
      'acme.key.json',
    );
    expect(sign.status).toBe(0);
    expect(sign.stdout).toContain(`key     ${key.kid}`);

    const verify = await cliProcess(
      cwd,
      'verify',
      'air/com.example.air-0.1.0.hpkg',
      '--trust',
      'acme.pub.json',
    );
    expect(verify).toMatchObject({ status: 0, stderr: '' });
    expect(verify.stdout).toContain(`key     ${key.kid}`);
    expect(verify.stdout).toContain('id      com.example.air');
    expect(verify.stdout).toContain('version 0.1.0');
    expect(verify.stdout).toContain(`digest  ${digest}`);

    const json = await cliProcess(
      cwd,
      '--json',
      'verify',
      'air/com.example.air-0.1.0.hpkg',
      '--trust',
      'acme.pub.json',
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      keyId: key.kid,
      id: 'com.example.air',
      digest,
    });
  }, 120_000);
});
