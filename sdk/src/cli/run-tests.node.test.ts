import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, cliProcess, tempDir } from './cli.fixture.ts';

// `heng-plugin test` runs vitest in its own process, so these run it as a child process,
// which takes seconds: hence the longer timeouts.
const SLOW = 90_000;
describe('heng-plugin test', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.remove());

  const plugin = async (name: string, testSource: string) => {
    const dir = join(tmp.dir, name);
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'src/plugin.test.ts'), testSource);
    return dir;
  };
  const usingSdk = (body: string) => `import { definePlugin } from '@heng/sdk';
import { expect, test } from 'vitest';
${body}
`;

  test(
    'runs the plugin’s own tests with @heng/sdk resolved to this SDK, exit 0 when they pass',
    async () => {
      const dir = await plugin(
        'passing',
        usingSdk(`test('defines a plugin', () => {
  const p = definePlugin({ activate() {} });
  expect(typeof p.activate).toBe('function');
});`),
      );
      const run = await cliProcess(tmp.dir, 'test', dir);
      expect(run.stdout + run.stderr).toMatch(/1 passed/);
      expect(run.status).toBe(0);
    },
    SLOW,
  );

  test(
    'exits 1 when a test fails',
    async () => {
      const dir = await plugin('failing', usingSdk(`test('fails', () => { expect(1).toBe(2); });`));
      const run = await cliProcess(tmp.dir, 'test', dir);
      expect(run.stdout + run.stderr).toMatch(/1 failed/);
      expect(run.status).toBe(1);
    },
    SLOW,
  );

  test(
    'passes the arguments after -- on to vitest',
    async () => {
      const dir = await plugin(
        'filtered',
        usingSdk(`test('wanted', () => {});
test('unwanted', () => { expect(1).toBe(2); });`),
      );
      const run = await cliProcess(tmp.dir, 'test', dir, '--', '-t', '^wanted$');
      expect(run.stdout + run.stderr).toMatch(/1 passed/);
      expect(run.status).toBe(0);
    },
    SLOW,
  );

  test(
    'runs the tests of a freshly scaffolded plugin against the simulated site',
    async () => {
      const dir = join(tmp.dir, 'scaffold');
      expect((await cli('init', dir, '--id', 'com.example.scaffold')).status).toBe(0);
      const run = await cliProcess(tmp.dir, 'test', dir);
      expect(run.stdout + run.stderr).toMatch(/3 passed/);
      expect(run.status).toBe(0);
    },
    SLOW,
  );
});
