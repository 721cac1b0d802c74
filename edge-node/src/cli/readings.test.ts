import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { adminCredentials, editorAddressFileIn } from '../node-red/index.ts';
import { hengEdge } from './commissioning.fixture.ts';
import { editorFolder } from './edge-folder.ts';

// The happy path (a running edge, a deployed flow, readings stored) is walkthrough.test.ts.
let data: string;
beforeEach(async () => {
  data = await mkdtemp(path.join(os.tmpdir(), 'heng-readings-cli-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

describe('heng-edge readings', () => {
  test('exits 1 saying no edge runs with the data folder', async () => {
    const run = await hengEdge(['readings', '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('heng-edge readings: no edge is running with this data folder');
    expect(run.stderr).toContain(editorAddressFileIn(editorFolder(data)));
  });

  test('exits 1 naming the address when the edge recorded there does not answer', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    server.close();
    await once(server, 'close');
    await mkdir(editorFolder(data), { recursive: true, mode: 0o700 });
    await adminCredentials(editorFolder(data));
    const url = `http://127.0.0.1:${port}/`;
    await writeFile(editorAddressFileIn(editorFolder(data)), JSON.stringify({ url, pid: 1 }));
    const run = await hengEdge(['readings', '--data', data, '--device', 'pump-01']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`heng-edge readings: no edge answers at ${url}`);
    expect(run.stderr).toContain('is heng-edge start running?');
  });

  test('refuses a limit out of range before asking anyone', async () => {
    const run = await hengEdge(['readings', '--data', data, '--limit', '0']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--limit.*"0" is not a whole number from 1 to 1000/);
  });
});
