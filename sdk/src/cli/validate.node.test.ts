import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cli, tempDir } from './cli.fixture.ts';

describe('heng-plugin validate', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let plugin: string;
  const manifestPath = () => join(plugin, 'heng.plugin.json');
  const edit = async (change: (m: Record<string, unknown>) => void) => {
    const manifest = JSON.parse(await readFile(manifestPath(), 'utf8'));
    change(manifest);
    await writeFile(manifestPath(), JSON.stringify(manifest));
  };

  beforeEach(async () => {
    tmp = await tempDir();
    plugin = join(tmp.dir, 'p');
    expect((await cli('init', plugin, '--id', 'com.example.p')).status).toBe(0);
  });
  afterEach(() => tmp.remove());

  test('refuses an invalid manifest with exit 1, naming the path in it', async () => {
    await edit((m) => {
      (m['permissions'] as Array<Record<string, unknown>>)[0]!['points'] = 'pm25';
    });
    const run = await cli('validate', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^heng\.plugin\.json#\/permissions\/0\/points: /m);
    expect(run.stderr).toMatch(/^error: 1 problem to fix at /m);
  });

  test('reports problems as JSON with --json', async () => {
    await edit((m) => {
      delete m['vendor'];
    });
    const run = await cli('validate', plugin, '--json');
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        where: 'heng.plugin.json#/vendor',
        message: 'is required',
      }),
    );
  });

  test('--fix repairs a fixable manifest and rewrites it as 2-space JSON', async () => {
    await edit((m) => {
      m['version'] = 'v1.2.0';
    });
    const before = await cli('validate', plugin);
    expect(before.status).toBe(1);
    expect(before.stderr).toContain('heng.plugin.json#/version: ');
    expect(before.stderr).toContain('fix: ');

    const fixed = await cli('validate', plugin, '--fix');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('fixed: /version: write "1.2.0"');
    const text = await readFile(manifestPath(), 'utf8');
    expect(JSON.parse(text).version).toBe('1.2.0');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test('checks that the source, panel pages and assets exist', async () => {
    await rm(join(plugin, 'src/plugin.ts'));
    await edit((m) => {
      m['assets'] = ['assets/logo.svg'];
    });
    const run = await cli('validate', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("src/plugin.ts: the plugin's source is missing");
    expect(run.stderr).toContain(
      'heng.plugin.json#/assets/0: the asset "assets/logo.svg" does not exist',
    );
  });

  test('reports a config schema that does not compile', async () => {
    await edit((m) => {
      m['config'] = { type: 'object', properties: { threshold: { type: 'number', minimun: 0 } } };
    });
    const run = await cli('validate', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^heng\.plugin\.json#\/config[^:]*: /m);
  });

  test('says where the manifest is when it is not JSON', async () => {
    await writeFile(manifestPath(), '{ "id": ');
    const run = await cli('validate', plugin);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: not valid JSON: .* at .*heng\.plugin\.json$/m);
  });
});
