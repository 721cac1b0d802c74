import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ENGINE_VERSION } from '@heng/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cli, tempDir } from './cli.fixture.ts';
import { ENGINE_RANGE, SDK_RANGE, VITEST_VERSION } from './scaffold-files.ts';

describe('heng-plugin init', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.remove());

  test('scaffolds the plugin files with the given id, name and places', async () => {
    const dir = join(tmp.dir, 'x');
    const run = await cli(
      'init',
      dir,
      '--id',
      'city.hengyang.air',
      '--name',
      'Air',
      '--runs-on',
      'edge,hub',
    );
    expect(run.status).toBe(0);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual([
      '.gitignore',
      'README.md',
      'heng.plugin.json',
      'package.json',
      'src',
      'src/plugin.test.ts',
      'src/plugin.ts',
      'tsconfig.json',
    ]);
    const manifest = JSON.parse(await readFile(join(dir, 'heng.plugin.json'), 'utf8'));
    expect(manifest).toMatchObject({
      id: 'city.hengyang.air',
      name: 'Air',
      runsOn: ['edge', 'hub'],
      vendor: { name: 'Hengyang' },
    });
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toHaveProperty('@heng/sdk');
    expect(pkg.scripts).toMatchObject({
      build: 'heng-plugin build .',
      test: 'heng-plugin test .',
      validate: 'heng-plugin validate .',
    });
  });

  test('depends on this SDK, its vitest and this core’s version', async () => {
    const sdk = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    const vitest = JSON.parse(
      await readFile(createRequire(import.meta.url).resolve('vitest/package.json'), 'utf8'),
    );
    expect(SDK_RANGE).toBe(`^${sdk.version}`);
    expect(VITEST_VERSION).toBe(vitest.version);
    expect(ENGINE_RANGE).toBe(`^${ENGINE_VERSION}`);
  });

  test('refuses a non-empty directory and writes nothing into it', async () => {
    await writeFile(join(tmp.dir, 'notes.txt'), 'mine');
    const run = await cli('init', tmp.dir, '--id', 'com.example.thing');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: the directory is not empty; .* at /m);
    expect(await readdir(tmp.dir)).toEqual(['notes.txt']);
  });

  test('refuses an invalid id, saying which option is wrong', async () => {
    const run = await cli('init', join(tmp.dir, 'y'), '--id', 'Thing');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: invalid plugin id "Thing": .* at --id$/m);
    await expect(readdir(join(tmp.dir, 'y'))).rejects.toThrow();
  });
});

describe('heng-plugin build', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let plugin: string;
  beforeEach(async () => {
    tmp = await tempDir();
    plugin = join(tmp.dir, 'p');
    expect((await cli('init', plugin, '--id', 'com.example.p')).status).toBe(0);
  });
  afterEach(() => tmp.remove());

  test('bundles one ES module with @heng/sdk inlined and prints its size', async () => {
    const run = await cli('build', plugin);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/built .*dist\/plugin\.js \(\d+\.\d KiB\)/);
    const code = await readFile(join(plugin, 'dist/plugin.js'), 'utf8');
    expect(code).toMatch(/export \{\s*plugin_default as default\s*\};/);
    expect(code).not.toMatch(/\bimport\b.*from/);
    expect(code).not.toContain(tmp.dir);
  });

  test('--minify makes a smaller bundle', async () => {
    await cli('build', plugin);
    const plain = (await readFile(join(plugin, 'dist/plugin.js'))).length;
    await cli('build', plugin, '--minify');
    expect((await readFile(join(plugin, 'dist/plugin.js'))).length).toBeLessThan(plain);
  });

  test('refuses a Node built-in, naming the import’s file and line', async () => {
    const source = join(plugin, 'src/plugin.ts');
    await writeFile(
      source,
      `import { readFileSync } from 'node:fs';\n${await readFile(source, 'utf8')}\nreadFileSync('/etc/passwd');\n`,
    );
    const run = await cli('build', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^error: "node:fs" is a Node built-in, .* at .*src\/plugin\.ts:1:\d+$/m,
    );
  });

  test('refuses a bare built-in name like "fs" too', async () => {
    const source = join(plugin, 'src/plugin.ts');
    await writeFile(source, `import 'fs';\n${await readFile(source, 'utf8')}`);
    const run = await cli('build', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: "fs" is a Node built-in');
  });

  test('reports a syntax error at its place', async () => {
    await writeFile(join(plugin, 'src/plugin.ts'), 'export default {\n  broken(\n');
    const run = await cli('build', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: .* at .*src\/plugin\.ts:\d+:\d+$/m);
  });
});
