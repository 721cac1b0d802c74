import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { flowsVersionDocId } from '@heng/schemas';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  adminHeaders,
  type RunningEditor,
  readEditorAddress,
  serveStoredReadings,
  startEditor,
} from './index.ts';

const MemoryPouch = PouchDB.plugin(memory);
let dataDir: string;
let control: PouchDB.Database;
let local: PouchDB.Database;
let editor: RunningEditor;
let output = '';
const write = process.stdout.write.bind(process.stdout);

// Node-RED is one runtime per process: the whole file shares one editor.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-nodered-'));
  control = new MemoryPouch(`control-${Math.random()}`, { adapter: 'memory' });
  local = new MemoryPouch(`local-${Math.random()}`, { adapter: 'memory' });
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    output += chunk.toString();
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  editor = await startEditor({ site: 'lighting-01', control, local, dataDir, port: 0 });
}, 60_000);

afterAll(async () => {
  process.stdout.write = write;
  await editor?.stop();
  await control.destroy();
  await local.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded Node-RED editor', () => {
  test('listens on loopback only', () => {
    expect(new URL(editor.url).hostname).toBe('127.0.0.1');
  });

  test('refuses the admin API without credentials', async () => {
    expect((await fetch(new URL('flows', editor.url))).status).toBe(401);
  });

  test('keeps the admin password in a file only its owner reads, and never prints it', async () => {
    const { password } = JSON.parse(await readFile(editor.credentialsFile, 'utf8'));
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await stat(editor.credentialsFile)).mode & 0o777).toBe(0o600);
    expect(output).not.toContain(password);
  });

  test('stores a deployed flow as a new version in the control database, and serves it back', async () => {
    const auth = await adminHeaders(editor);
    const flows = [
      { id: 'tab1', type: 'tab', label: 'Lighting' },
      {
        id: 'n1',
        type: 'inject',
        z: 'tab1',
        name: 'tick',
        repeat: '',
        once: false,
        wires: [['n2']],
      },
      { id: 'n2', type: 'debug', z: 'tab1', name: 'out', wires: [] },
    ];
    const deployed = await fetch(new URL('flows', editor.url), {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(flows),
    });
    expect([200, 204]).toContain(deployed.status);
    const version = await control.get<{ flows: Array<{ id: string }>; savedBy?: string }>(
      flowsVersionDocId(1),
    );
    expect(version.flows.map((n) => n.id)).toEqual(['tab1', 'n1', 'n2']);
    expect(version.savedBy).toBe('admin');
    const served = (await (
      await fetch(new URL('flows', editor.url), { headers: auth })
    ).json()) as Array<{ id: string }>;
    expect(served.map((n) => n.id)).toEqual(['tab1', 'n1', 'n2']);
  });

  test('records where it listens in editor.json, for the other heng-edge commands', async () => {
    expect(await readEditorAddress(dataDir)).toEqual({ url: editor.url, pid: process.pid });
  });

  test('serves the stored readings to a signed-in admin only', async () => {
    const readings = [{ point: 'level', value: 2.5, quality: 'good', ts: '2026-11-28T08:00:00Z' }];
    const store = new MemoryPouch(`segment-${Math.random()}`, { adapter: 'memory' });
    await store.put({ _id: 'tb/000001795000000/pump-01/x-0', device: 'pump-01', readings });
    const serving = serveStoredReadings({
      site: 'lighting-01',
      source: { names: async () => ['telemetry-20261128'], segment: async () => store },
    });
    const route = new URL('heng/readings?device=pump-01&limit=5', editor.url);
    try {
      expect((await fetch(route)).status).toBe(401);
      const auth = await adminHeaders(editor);
      const res = await fetch(route, { headers: auth });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        site: 'lighting-01',
        devices: { 'pump-01': readings },
        scannedBatches: 1,
      });
      const bad = await fetch(new URL('heng/readings?limit=0', editor.url), { headers: auth });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'invalid_input' });
      serving.dispose();
      expect((await fetch(route, { headers: auth })).status).toBe(503);
    } finally {
      serving.dispose();
      await store.destroy();
    }
  });
});
