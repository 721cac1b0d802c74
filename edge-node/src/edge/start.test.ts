import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type Command,
  type CommandOutcome,
  type DeviceProfile,
  outcomeDocId,
  type TelemetryBatch,
} from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DeviceReadings } from '../devices/index.ts';
import { adminHeaders } from '../node-red/index.ts';
import { REFERENCE_PROFILES } from '../profiles/index.ts';
import { type DeviceSimulator, startSimulator } from '../sim/index.ts';
import { type RunningEdge, startEdge } from './index.ts';

let dataDir: string;
let edge: RunningEdge;
let sim: DeviceSimulator;
const roundListeners = new Set<(round: DeviceReadings) => void>();

// Node-RED is one runtime per process: one edge for the whole file, with one simulated device.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-'));
  const reference = JSON.parse(
    await readFile(path.join(REFERENCE_PROFILES, 'streetlight-controller.json'), 'utf8'),
  ) as DeviceProfile;
  const profile = { ...reference, defaults: { ...reference.defaults, pollMs: 100 } };
  const profileFile = path.join(dataDir, 'fast-streetlight.json');
  await writeFile(profileFile, JSON.stringify(profile));
  sim = await startSimulator({ profile, port: 0, tickMs: 0, seed: 3 });
  edge = await startEdge({
    site: 'lighting-01',
    dataDir,
    port: 0,
    devices: [{ name: 'lamp-ctrl-1', profile: profileFile, host: sim.host, port: sim.port }],
    onReadings: (round) => {
      for (const listener of roundListeners) listener(round);
    },
  });
}, 60_000);

afterAll(async () => {
  await edge?.stop();
  await sim?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * The next poll round of `device` that read `point`: points with their own poll interval (the
 * profile's `energy`, `firmware`) are read in rounds of their own.
 */
function nextRound(device: string, point = 'dimming'): Promise<DeviceReadings> {
  return new Promise((resolve) => {
    const listener = (round: DeviceReadings) => {
      if (round.device !== device || !round.readings.some((r) => r.point === point)) return;
      roundListeners.delete(listener);
      resolve(round);
    };
    roundListeners.add(listener);
  });
}

async function storedBatches(device: string): Promise<TelemetryBatch[]> {
  const batches: TelemetryBatch[] = [];
  for (const name of await edge.segments.names()) {
    const docs = await (await edge.segments.segment(name)).allDocs<TelemetryBatch>({
      include_docs: true,
    });
    batches.push(...docs.rows.map((r) => r.doc!).filter((d) => d.device === device));
  }
  return batches;
}

/** Writes a command into the control database and waits for its outcome. */
async function command(id: string, value: number): Promise<CommandOutcome> {
  const outcomeId = outcomeDocId(id);
  // From a sequence taken before the put: 'now' is resolved asynchronously and could miss it.
  const since = (await edge.control.info()).update_seq;
  const written = new Promise<CommandOutcome>((resolve, reject) => {
    const feed = edge.control
      .changes<CommandOutcome>({
        live: true,
        since,
        include_docs: true,
        doc_ids: [outcomeId],
      })
      .on('change', (change) => {
        feed.cancel();
        resolve(change.doc!);
      })
      .on('error', reject);
  });
  const doc: Command & { _id: string } = {
    _id: `command/${id}`,
    type: 'command',
    id,
    site: 'lighting-01',
    device: 'lamp-ctrl-1',
    point: 'dimming',
    value,
    requestedBy: { kind: 'user', id: 'operator-7' },
    reason: 'test',
    ts: new Date().toISOString(),
  };
  await edge.control.put(doc);
  return written;
}

describe('an edge site with devices', () => {
  test('polls its devices into the store without any flow', async () => {
    const round = await nextRound('lamp-ctrl-1');
    expect(round.readings.length).toBeGreaterThan(0);
    await edge.services.telemetry.flush();
    const points = (await storedBatches('lamp-ctrl-1')).flatMap((b) => b.readings);
    expect(points.map((r) => r.point)).toEqual(expect.arrayContaining(['dimming', 'voltage']));
    expect(points.every((r) => r.quality === 'good')).toBe(true);
  });

  test('serves the stored readings on the editor’s admin API, for any embedder', async () => {
    await nextRound('lamp-ctrl-1');
    await edge.services.telemetry.flush();
    const res = await fetch(new URL('heng/readings?device=lamp-ctrl-1&limit=5', edge.editor.url), {
      headers: await adminHeaders(edge.editor),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { site: string; devices: Record<string, unknown[]> };
    expect(body.site).toBe('lighting-01');
    expect(body.devices['lamp-ctrl-1']?.length).toBeGreaterThan(0);
    // Behind the editor's sign-in, like the editor itself.
    expect((await fetch(new URL('heng/readings', edge.editor.url))).status).toBe(401);
  });

  test('enforces its telemetry bounds at start, dropping nothing that never reached a hub', async () => {
    expect(await edge.retention.run()).toEqual({ dropped: [], overBounds: false });
  });

  test('carries a command from the control database to the device and records it applied', async () => {
    expect(await command('c-apply', 40)).toMatchObject({
      commandId: 'c-apply',
      status: 'applied',
      value: 40,
      readBack: 40,
    });
    expect(sim.value('dimming')).toBe(40);
  });

  test('rejects a command above the point’s max and leaves the device as it was', async () => {
    const before = sim.value('dimming');
    const outcome = await command('c-too-high', 150);
    expect(outcome).toMatchObject({ status: 'rejected', error: { code: 'invalid_input' } });
    expect(outcome.error?.message).toContain('dimming');
    expect(sim.value('dimming')).toBe(before);
  });
});

describe('an edge site', () => {
  test("offers Heng's palette in its editor", async () => {
    const nodes = (await (
      await fetch(new URL('nodes', edge.editor.url), {
        headers: { ...(await adminHeaders(edge.editor)), accept: 'application/json' },
      })
    ).json()) as Array<{ types: string[] }>;
    const types = nodes.flatMap((set) => set.types);
    expect(types).toEqual(
      expect.arrayContaining([
        'heng-site',
        'heng telemetry out',
        'heng event out',
        'heng event in',
      ]),
    );
  });

  test('stores what a deployed flow sends to telemetry out, in its own store', async () => {
    const flows = [
      { id: 'tab', type: 'tab', label: 'test' },
      { id: 'site', type: 'heng-site', site: 'ignored-inside-heng-edge' },
      {
        id: 'tick',
        type: 'inject',
        z: 'tab',
        props: [{ p: 'payload' }],
        payload: '{"power":118.5}',
        payloadType: 'json',
        once: true,
        onceDelay: 0.1,
        repeat: '',
        wires: [['out']],
      },
      {
        id: 'out',
        type: 'heng telemetry out',
        z: 'tab',
        site: 'site',
        device: 'lamp-7',
        wires: [],
      },
      { id: 'done', type: 'complete', z: 'tab', scope: ['out'], wires: [['flag']] },
      {
        id: 'flag',
        type: 'heng event out',
        z: 'tab',
        site: 'site',
        topic: 'test/stored',
        wires: [],
      },
    ];
    const stored = new Promise<void>((resolve) => {
      edge.services.bus.subscribe('test/stored', () => resolve());
    });
    const res = await fetch(new URL('flows', edge.editor.url), {
      method: 'POST',
      headers: await adminHeaders(edge.editor),
      body: JSON.stringify(flows),
    });
    expect([200, 204]).toContain(res.status);
    await stored;
    // The polled device has batches of its own in the same store.
    const batches = await storedBatches('lamp-7');
    expect(
      batches.map((b) => [b.site, b.device, b.readings.map((x) => [x.point, x.value])]),
    ).toEqual([['lighting-01', 'lamp-7', [['power', 118.5]]]]);
  });

  test('hands every reading the site takes to the edge plugins whose grant covers it', async () => {
    await edge.plugins.host.install({
      manifest: {
        id: 'city.hengyang.watts',
        name: 'Watts',
        version: '1.0.0',
        vendor: { name: 'Hengyang' },
        engines: { heng: '^0.1.0' },
        runsOn: ['edge'],
        entry: 'dist/plugin.js',
        permissions: [
          { capability: 'telemetry:read', points: ['+/+/power'] },
          { capability: 'events:publish', topics: ['watts/#'] },
        ],
      },
      bundle: `export default { async onTelemetry(r, { heng }) {
        await heng.events.publish('watts/seen', { device: r.device, value: r.value });
      } };`,
    });
    await edge.plugins.host.activate('city.hengyang.watts');
    const seen = new Promise<unknown>((resolve) =>
      edge.services.bus.subscribe('watts/seen', (e) => resolve(e.payload)),
    );
    await edge.services.telemetry.append('lamp-9', {
      point: 'power',
      value: 130,
      quality: 'good',
      ts: new Date().toISOString(),
    });
    expect(await seen).toEqual({ device: 'lamp-9', value: 130 });
  });
});
