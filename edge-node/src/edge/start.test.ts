import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TelemetryBatch } from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminHeaders } from '../node-red/index.ts';
import { type RunningEdge, startEdge } from './index.ts';

let dataDir: string;
let edge: RunningEdge;

// Node-RED is one runtime per process: one edge for the whole file.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-'));
  edge = await startEdge({ site: 'lighting-01', dataDir, port: 0 });
}, 60_000);

afterAll(async () => {
  await edge?.stop();
  await rm(dataDir, { recursive: true, force: true });
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
    const [name] = await edge.segments.names();
    const docs = await (await edge.segments.segment(name!)).allDocs<TelemetryBatch>({
      include_docs: true,
    });
    expect(
      docs.rows.map((r) => [
        r.doc!.site,
        r.doc!.device,
        r.doc!.readings.map((x) => [x.point, x.value]),
      ]),
    ).toEqual([['lighting-01', 'lamp-7', [['power', 118.5]]]]);
  });
});
