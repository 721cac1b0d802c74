import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { TelemetryBatch } from '@heng/schemas';
import helper from 'node-red-node-test-helper';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SegmentedTelemetry } from '../store/index.ts';
import { registerEvents, registerSite, registerTelemetryOut } from './index.ts';

// The real Node-RED runtime, through Node-RED's own test helper.
beforeAll(() => {
  helper.init(createRequire(import.meta.url).resolve('node-red'));
});

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-palette-'));
  await new Promise<void>((resolve) => helper.startServer(resolve));
});
afterEach(async () => {
  await helper.unload();
  await new Promise<void>((resolve) => helper.stopServer(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

type TestNode = {
  receive(msg: object): void;
  on(event: string, handler: (arg: { args: unknown[] }) => void): void;
};

const palette = [registerSite, registerTelemetryOut, registerEvents];

function statusOf(node: TestNode, fill: string): Promise<{ text?: string }> {
  return new Promise((resolve) =>
    node.on('call:status', (call) => {
      const status = call.args[0] as { fill?: string; text?: string };
      if (status.fill === fill) resolve(status);
    }),
  );
}

describe("Heng's palette in Node-RED", () => {
  test('telemetry out stores the readings of a message, and says how many', async () => {
    await helper.load(palette, [
      { id: 's1', type: 'heng-site', site: 'lighting-01', dataDir },
      { id: 't1', type: 'heng telemetry out', site: 's1', device: 'lamp-1' },
    ]);
    const out = helper.getNode('t1') as unknown as TestNode;
    const stored = statusOf(out, 'green');
    out.receive({ payload: { dimming: 40, power: 61.5 } });
    expect((await stored).text).toBe('2');
    await helper.unload();
    const segments = new SegmentedTelemetry(dataDir);
    const [name] = await segments.names();
    const docs = await (await segments.segment(name!)).allDocs<TelemetryBatch>({
      include_docs: true,
    });
    expect(
      docs.rows.map((r) => [r.doc!.site, r.doc!.device, r.doc!.readings.map((x) => x.point)]),
    ).toEqual([['lighting-01', 'lamp-1', ['dimming', 'power']]]);
    await segments.close();
  });

  test('telemetry out refuses a message that is not readings, naming the field', async () => {
    await helper.load(palette, [
      { id: 's1', type: 'heng-site', site: 'lighting-01', dataDir },
      { id: 't1', type: 'heng telemetry out', site: 's1', device: 'lamp-1' },
    ]);
    const out = helper.getNode('t1') as unknown as TestNode;
    const failed = new Promise<unknown>((resolve) =>
      out.on('call:error', (call) => resolve(call.args[0])),
    );
    out.receive({ payload: 'hello' });
    expect(String(await failed)).toContain('msg.payload: must be readings');
  });

  test('an event out reaches an event in whose pattern matches, and no other', async () => {
    await helper.load(palette, [
      { id: 's1', type: 'heng-site', site: 'pump-1', dataDir },
      { id: 'out', type: 'heng event out', site: 's1', topic: 'pump/alarm', level: '2' },
      { id: 'in', type: 'heng event in', site: 's1', topic: 'pump/#', wires: [['sink']] },
      { id: 'other', type: 'heng event in', site: 's1', topic: 'lighting/#', wires: [['sink']] },
      { id: 'sink', type: 'helper' },
    ]);
    const sink = helper.getNode('sink') as unknown as {
      on(
        e: 'input',
        h: (msg: { topic: string; payload: object; event: { level: number } }) => void,
      ): void;
    };
    const got = new Promise<{ topic: string; payload: object; event: { level: number } }>(
      (resolve) => sink.on('input', resolve),
    );
    (helper.getNode('out') as unknown as TestNode).receive({ payload: { levelM: 3.2 } });
    const msg = await got;
    expect(msg.topic).toBe('pump/alarm');
    expect(msg.payload).toEqual({ levelM: 3.2 });
    expect(msg.event.level).toBe(2);
  });
});
