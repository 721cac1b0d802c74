import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { adminCredentials } from '../node-red/index.ts';
import { hengEdge } from './commissioning.fixture.ts';
import { editorFolder } from './edge-folder.ts';

let data: string;
beforeEach(async () => {
  data = await mkdtemp(path.join(os.tmpdir(), 'heng-admin-cli-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

async function account() {
  await mkdir(editorFolder(data), { recursive: true, mode: 0o700 });
  return adminCredentials(editorFolder(data));
}

describe('heng-edge admin', () => {
  test('names the user and the password file, never the password', async () => {
    const { file, credentials } = await account();
    const run = await hengEdge(['admin', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'editor:   not running (start it with heng-edge start)',
        'user:     admin',
        `password: in ${file} (readable by its owner only; --show-password prints it)`,
        '',
      ].join('\n'),
    );
    expect(run.stdout + run.stderr).not.toContain(credentials.password);
  });

  test('prints the password only when asked with --show-password', async () => {
    const { credentials } = await account();
    const run = await hengEdge(['admin', '--data', data, '--show-password']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`password: ${credentials.password}\n`);
  });

  test('exits 1 saying the edge never ran when the data folder has no account', async () => {
    const run = await hengEdge(['admin', '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`heng-edge admin: no admin account in ${data} yet`);
    expect(run.stderr).toContain('heng-edge start makes one');
  });
});
