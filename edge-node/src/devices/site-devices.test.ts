import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BatchReading, DeviceProfile } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REFERENCE_PROFILES } from '../profiles/index.ts';
import { type DeviceSimulator, startSimulator } from '../sim/index.ts';
import { openLineCount } from './device-lines.ts';
import type { DeviceReadings } from './poller.ts';
import { SiteDevices } from './site-devices.ts';

let dir: string;
let profile: DeviceProfile;
let profileFile: string;
const open: AsyncDisposable[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-site-devices-'));
  const reference = JSON.parse(
    await readFile(path.join(REFERENCE_PROFILES, 'streetlight-controller.json'), 'utf8'),
  ) as DeviceProfile;
  // The fastest interval the schema allows, so a test sees several rounds.
  profile = { ...reference, defaults: { ...reference.defaults, pollMs: 100 } };
  profileFile = path.join(dir, 'fast.json');
  await writeFile(profileFile, JSON.stringify(profile));
});

afterEach(async () => {
  for (const resource of open.splice(0).reverse()) await resource[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

async function simulator(): Promise<DeviceSimulator> {
  const sim = await startSimulator({ profile, port: 0, tickMs: 0, seed: 1 });
  open.push(sim);
  return sim;
}

async function site(sims: Record<string, DeviceSimulator>): Promise<SiteDevices> {
  const devices = Object.entries(sims).map(([name, sim]) => ({
    name,
    profile: profileFile,
    host: sim.host,
    port: sim.port,
  }));
  const opened = await SiteDevices.open({ devices });
  open.push(opened);
  return opened;
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Resolves once `count` rounds of `device` were seen. */
function rounds(seen: DeviceReadings[], device: string, count: number) {
  return (round: DeviceReadings, done: () => void) => {
    seen.push(round);
    // The fast points' rounds: the hourly and minutely ones go on their own.
    if (seen.filter((r) => r.device === device && r.pollMs === 100).length === count) done();
  };
}

describe('SiteDevices', () => {
  test('polls each device and stores only its good readings', async () => {
    const sim = await simulator();
    const devices = await site({ 'lamp-1': sim });
    const stored: Array<[string, BatchReading]> = [];
    const store = {
      appendMany: async (d: string, rs: readonly BatchReading[]) =>
        void stored.push(...rs.map((r): [string, BatchReading] => [d, r])),
    };
    const seen: DeviceReadings[] = [];
    await new Promise<void>((resolve) => {
      const count = rounds(seen, 'lamp-1', 2);
      devices.startPolling({ store, onReadings: (r) => count(r, resolve) });
    });
    const first = seen[0]!;
    expect(first.readings.every((r) => r.quality === 'good')).toBe(true);
    const dimming = stored.find(([, r]) => r.point === 'dimming');
    expect(dimming).toEqual(['lamp-1', expect.objectContaining({ value: sim.value('dimming') })]);
    expect(stored.length).toBeGreaterThanOrEqual(first.readings.length);
  });

  test('writes a command to the named device and reads it back', async () => {
    const sim = await simulator();
    const devices = await site({ 'lamp-1': sim });
    await expect(devices.write('lamp-1', 'dimming', 35, 'test')).resolves.toEqual({ readBack: 35 });
    expect(sim.value('dimming')).toBe(35);
  });

  test('refuses a command for a device it does not have, and one above the profile max', async () => {
    const sim = await simulator();
    const devices = await site({ 'lamp-1': sim });
    const before = sim.value('dimming');
    await expect(devices.write('lamp-9', 'dimming', 35, 'test')).rejects.toMatchObject({
      code: 'not_found',
      message: 'no device "lamp-9" is configured at this site',
    });
    await expect(devices.write('lamp-1', 'dimming', 101, 'test')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(sim.value('dimming')).toBe(before);
  });

  test('a dead device among live ones does not delay their first readings, and soon says why it is bad', async () => {
    const live = [await simulator(), await simulator()];
    // One where nothing listens any more, one that takes the connection and never answers.
    const refused = await simulator();
    await refused.dispose();
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    open.push({
      [Symbol.asyncDispose]: () => {
        for (const socket of sockets) socket.destroy();
        return closeServer(silent);
      },
    });
    const silentPort = (silent.address() as AddressInfo).port;
    const devices = await SiteDevices.open({
      devices: [
        { name: 'live-1', profile: profileFile, host: live[0]!.host, port: live[0]!.port },
        { name: 'refused', profile: profileFile, host: refused.host, port: refused.port },
        {
          name: 'silent',
          profile: profileFile,
          host: '127.0.0.1',
          port: silentPort,
          retries: 0,
        },
        { name: 'live-2', profile: profileFile, host: live[1]!.host, port: live[1]!.port },
      ],
    });
    open.push(devices);
    const seen: DeviceReadings[] = [];
    const firsts = (name: string) => seen.findIndex((r) => r.device === name);
    await new Promise<void>((resolve) => {
      devices.startPolling({
        onReadings: (round) => {
          seen.push(round);
          if (firsts('refused') >= 0 && firsts('silent') >= 0) resolve();
        },
      });
    });
    for (const name of ['live-1', 'live-2']) {
      const first = seen[firsts(name)]!;
      expect(first.readings.every((r) => r.quality === 'good')).toBe(true);
      // Read before either dead device had a first answer (it gets one only by timing out).
      expect(firsts(name)).toBeLessThan(Math.min(firsts('refused'), firsts('silent')));
    }
    const why = (name: string) =>
      seen.filter((r) => r.device === name).flatMap((r) => r.readings.map((x) => x.error));
    expect(why('silent').find((e) => e?.code === 'device_timeout')).toMatchObject({
      code: 'device_timeout',
      message: expect.stringContaining('no reply within 1000 ms'),
    });
    expect(why('refused')[0]?.message).toContain(`${refused.host}:${refused.port}`);
  });

  test('does not store a point the device refuses, and its health says why', async () => {
    // Exception 04 (device failure) on the span holding "firmware" (holding register 200).
    const sim = await startSimulator({
      profile,
      port: 0,
      tickMs: 0,
      faults: { exception: { code: 4, address: 200 } },
    });
    open.push(sim);
    const devices = await site({ 'lamp-1': sim });
    const stored: string[] = [];
    const seen: DeviceReadings[] = [];
    // "firmware" is read hourly, on its own: wait for that round and one of the rest.
    const has = (point: string) => seen.some((r) => r.readings.some((x) => x.point === point));
    await new Promise<void>((resolve) => {
      devices.startPolling({
        store: {
          appendMany: async (_d, rs) => void stored.push(...rs.map((r) => r.point)),
        },
        onReadings: (r) => {
          seen.push(r);
          if (has('firmware') && has('dimming')) resolve();
        },
      });
    });
    const firmware = seen.flatMap((r) => r.readings).find((r) => r.point === 'firmware');
    expect(firmware).toMatchObject({ quality: 'bad', value: null });
    expect(firmware?.error?.message).toMatch(/exception 4 .*holding-register 200/);
    expect(stored).toContain('dimming');
    expect(stored).not.toContain('firmware');
    const [health] = devices.health();
    // Its other requests were answered, so it may be online again; the error stays. (The last
    // one may be another exception: the simulator also refuses gap-bridging reads with 02.)
    expect(health?.counters.exceptions).toBeGreaterThan(0);
    expect(health?.lastError?.message).toMatch(/Modbus exception/);
  });

  test('lets go of its lines when disposed', async () => {
    const before = openLineCount();
    const devices = await site({ 'lamp-1': await simulator(), 'lamp-2': await simulator() });
    expect(openLineCount()).toBe(before + 2);
    await devices.dispose();
    expect(openLineCount()).toBe(before);
  });
});
