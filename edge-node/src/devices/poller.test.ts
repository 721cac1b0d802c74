import type { BatchReading, DeviceProfile } from '@heng/schemas';
import { afterEach, describe, expect, test } from 'vitest';
import { DeviceClient } from '../modbus/device.ts';
import { ModbusLine } from '../modbus/line.ts';
import { TcpTransport } from '../modbus/transport-tcp.ts';
import { type DeviceSimulator, startSimulator } from '../sim/index.ts';
import type { DeviceLogEntry } from './device-log.ts';
import { pollGroups } from './poll-groups.ts';
import { type DeviceReadings, Poller } from './poller.ts';

const open: AsyncDisposable[] = [];
afterEach(async () => {
  for (const resource of open.splice(0).reverse()) await resource[Symbol.asyncDispose]();
});

const register = (name: string, address: number, pollMs?: number) => ({
  name,
  kind: 'holding-register' as const,
  address,
  type: 'uint16' as const,
  access: 'read' as const,
  dataClass: 'internal' as const,
  ...(pollMs === undefined ? {} : { pollMs }),
});

/** Level and flow every 100 ms (the profile's), a serial number hourly, a total every minute. */
const profile: DeviceProfile = {
  id: 'poll-test',
  name: 'Poll test',
  defaults: { pollMs: 100 },
  points: [
    register('level', 0),
    register('serial', 10, 3_600_000),
    register('flow', 1),
    register('total', 20, 60_000),
  ],
};

async function simulator(port = 0): Promise<DeviceSimulator> {
  const sim = await startSimulator({ profile, port, tickMs: 0, seed: 1 });
  open.push(sim);
  return sim;
}

/** A line that gives up fast, so a test sees a device fail, go offline and come back quickly. */
function device(port: number): DeviceClient {
  const line = new ModbusLine({
    transport: new TcpTransport({ host: '127.0.0.1', port }),
    timeoutMs: 200,
    retries: 0,
    offlineAfter: 2,
    probeIntervalMs: 100,
    queueTimeoutMs: 400,
    reconnectMinMs: 20,
    reconnectMaxMs: 100,
  });
  open.push(line);
  return new DeviceClient({ profile, line, device: 'pump-1' });
}

function poll(poller: Poller): Poller {
  open.push(poller);
  poller.start();
  return poller;
}

/** Resolves once `until` holds for the rounds seen so far. */
function roundsUntil(seen: DeviceReadings[], until: (seen: DeviceReadings[]) => boolean) {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => {
    resolve = r;
  });
  const onReadings = (round: DeviceReadings) => {
    seen.push(round);
    if (until(seen)) resolve();
  };
  return { reached, onReadings };
}

describe('pollGroups', () => {
  test('groups readable points by their pollMs, else the profile, shortest first', () => {
    expect(pollGroups(profile)).toEqual([
      { intervalMs: 100, points: ['level', 'flow'] },
      { intervalMs: 60_000, points: ['total'] },
      { intervalMs: 3_600_000, points: ['serial'] },
    ]);
  });
});

describe('Poller', () => {
  test('reads each point at its own interval, storing every read with one acknowledgement', async () => {
    const sim = await simulator();
    const seen: DeviceReadings[] = [];
    const stored: BatchReading[][] = [];
    const store = {
      appendMany: async (_d: string, rs: readonly BatchReading[]) => void stored.push([...rs]),
    };
    const { reached, onReadings } = roundsUntil(
      seen,
      (s) => s.filter((r) => r.pollMs === 100).length >= 4,
    );
    poll(new Poller({ devices: [device(sim.port)], store, onReadings }));
    await reached;
    const points = (ms: number) =>
      seen.filter((r) => r.pollMs === ms).map((r) => r.readings.map((x) => x.point));
    expect(points(100).slice(0, 4)).toEqual(Array(4).fill(['level', 'flow']));
    // The slow points were read once, at the start, and not with every fast round.
    expect(points(60_000)).toEqual([['total']]);
    expect(points(3_600_000)).toEqual([['serial']]);
    expect(stored.length).toBe(seen.length);
    expect(stored.flat().find((r) => r.point === 'serial')?.value).toBe(sim.value('serial'));
  });

  test('logs a device that stops answering once per change, not once per poll, and when it is back', async () => {
    const first = await simulator();
    const port = first.port;
    const logs: Array<{ level: string; message: string; entry: DeviceLogEntry }> = [];
    const log = {
      info: (message: string, entry: DeviceLogEntry) =>
        logs.push({ level: 'info', message, entry }),
      warn: (message: string, entry: DeviceLogEntry) =>
        logs.push({ level: 'warn', message, entry }),
    };
    const seen: DeviceReadings[] = [];
    let phase: 'up' | 'down' | 'back' = 'up';
    let downRounds = 0;
    let step = () => {};
    const onReadings = (round: DeviceReadings) => {
      seen.push(round);
      if (phase === 'down' && round.readings.every((r) => r.quality === 'bad')) downRounds++;
      step();
    };
    const stepTo = (until: () => boolean) =>
      new Promise<void>((resolve) => {
        step = () => until() && resolve();
      });
    poll(new Poller({ devices: [device(port)], onReadings, log }));
    await stepTo(() => seen.length >= 2);
    expect(logs).toEqual([]);

    phase = 'down';
    await first.dispose();
    // Many polls of a dead device, and it has gone offline.
    await stepTo(() => downRounds >= 8 && logs.some((l) => l.entry.state === 'offline'));
    const warnings = logs.filter((l) => l.level === 'warn');
    expect(warnings.length).toBeLessThanOrEqual(2);
    expect(warnings[0]?.message).toMatch(
      new RegExp(
        `^device "pump-1" \\(tcp 127\\.0\\.0\\.1:${port}, unit 1\\) (fails|is offline): .+`,
      ),
    );
    expect(warnings.at(-1)?.entry).toMatchObject({
      device: 'pump-1',
      endpoint: `tcp 127.0.0.1:${port}`,
      unit: 1,
      state: 'offline',
      error: { code: expect.stringMatching(/^device_/) },
    });

    phase = 'back';
    await simulator(port);
    await stepTo(() => logs.at(-1)?.level === 'info');
    expect(logs.at(-1)).toMatchObject({
      message: `device "pump-1" (tcp 127.0.0.1:${port}, unit 1) answers again`,
      entry: { state: 'ok' },
    });
    expect(logs.length).toBe(warnings.length + 1);
  });
});
