import { createRequire } from 'node:module';
import helper from 'node-red-node-test-helper';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openLineCount } from '../devices/index.ts';
import { loadProfile, profilePath } from '../profiles/index.ts';
import { type DeviceSimulator, type FaultOptions, startSimulator } from '../sim/index.ts';
import { registerDevice, registerRead, registerWrite } from './index.ts';

// The real Node-RED runtime, through Node-RED's own test helper, against the simulator.
beforeAll(() => {
  helper.init(createRequire(import.meta.url).resolve('node-red'));
});

let sim: DeviceSimulator;
beforeEach(async () => {
  await new Promise<void>((resolve) => helper.startServer(resolve));
});
afterEach(async () => {
  await helper.unload();
  await new Promise<void>((resolve) => helper.stopServer(resolve));
  await sim?.dispose();
});

type TestNode = {
  receive(msg: object): void;
  on(event: string, handler: (arg: { args: unknown[] }) => void): void;
};
type Sink = { on(event: 'input', handler: (msg: Record<string, unknown>) => void): void };

const palette = [registerDevice, registerRead, registerWrite];

async function lamp(faults: FaultOptions = {}) {
  const profile = await loadProfile(profilePath('streetlight-controller', '.'));
  sim = await startSimulator({ profile, port: 0, tickMs: 0, seed: 7, faults });
  return [
    {
      id: 'dev',
      type: 'heng-device',
      name: 'lamp-7',
      host: '127.0.0.1',
      port: sim.port,
      profile: 'streetlight-controller',
    },
    { id: 'read', type: 'heng read', device: 'dev', wires: [['sink']] },
    { id: 'write', type: 'heng write', device: 'dev', point: 'dimming', wires: [['sink']] },
    { id: 'sink', type: 'helper' },
  ];
}

function next(id: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => (helper.getNode(id) as unknown as Sink).on('input', resolve));
}

function failure(id: string): Promise<string> {
  return new Promise((resolve) =>
    (helper.getNode(id) as unknown as TestNode).on('call:error', (call) =>
      resolve(String(call.args[0])),
    ),
  );
}

function statusOf(id: string, fill: string): Promise<{ text?: string }> {
  return new Promise((resolve) =>
    (helper.getNode(id) as unknown as TestNode).on('call:status', (call) => {
      const status = call.args[0] as { fill?: string; text?: string };
      if (status.fill === fill) resolve(status);
    }),
  );
}

describe('heng-device, heng read and heng write in Node-RED', () => {
  test('read sends every point of the device as readings, named by the device', async () => {
    await helper.load(palette, await lamp());
    const got = next('sink');
    const green = statusOf('read', 'green');
    (helper.getNode('read') as unknown as TestNode).receive({ payload: 'tick' });
    const msg = await got;
    expect(msg['device']).toBe('lamp-7');
    const readings = msg['payload'] as Array<{ point: string; value: unknown; quality: string }>;
    expect(readings.find((r) => r.point === 'dimming')).toMatchObject({
      value: sim.value('dimming'),
      quality: 'good',
    });
    // Write-only points are not read.
    expect(readings.some((r) => r.point === 'fault-reset')).toBe(false);
    expect((await green).text).toBe(String(readings.length));
  });

  test('a device that answers nothing fails the message with its error', async () => {
    await helper.load(palette, await lamp({ exception: { code: 4 } }));
    const failed = failure('read');
    const red = statusOf('read', 'red');
    (helper.getNode('read') as unknown as TestNode).receive({ payload: 'tick' });
    expect(await failed).toContain('device "lamp-7": no point could be read');
    expect((await red).text).toContain('lamp-7');
  });

  test('write writes the value with its reason and sends the read-back on', async () => {
    await helper.load(palette, await lamp());
    const got = next('sink');
    (helper.getNode('write') as unknown as TestNode).receive({ payload: 40, reason: 'night plan' });
    expect((await got)['payload']).toMatchObject({
      point: 'dimming',
      value: 40,
      readBack: 40,
      confirmed: true,
      reason: 'night plan',
    });
    expect(sim.value('dimming')).toBe(40);
  });

  test('write refuses a value above the point’s limit, naming it, and the device keeps its value', async () => {
    await helper.load(palette, await lamp());
    const before = sim.value('dimming');
    const failed = failure('write');
    (helper.getNode('write') as unknown as TestNode).receive({ payload: 140, reason: 'test' });
    const message = await failed;
    expect(message).toContain('refused write to point "dimming" of device "lamp-7"');
    expect(message).toContain('100');
    expect(sim.value('dimming')).toBe(before);
  });

  test('write refuses a message without a reason', async () => {
    await helper.load(palette, await lamp());
    const failed = failure('write');
    (helper.getNode('write') as unknown as TestNode).receive({ payload: 40 });
    expect(await failed).toContain('needs a reason');
  });

  test('device nodes on one host:port share a line, closed when the flow stops', async () => {
    const flow = await lamp();
    await helper.load(palette, [
      ...flow,
      {
        id: 'dev2',
        type: 'heng-device',
        name: 'lamp-7',
        host: '127.0.0.1',
        port: sim.port,
        profile: 'streetlight-controller',
      },
      { id: 'read2', type: 'heng read', device: 'dev2', wires: [['sink']] },
    ]);
    const got = next('sink');
    (helper.getNode('read2') as unknown as TestNode).receive({});
    await got;
    expect(openLineCount()).toBe(1);
    await helper.unload();
    expect(openLineCount()).toBe(0);
  });
});
