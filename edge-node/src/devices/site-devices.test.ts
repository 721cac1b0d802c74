import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BatchReading, DeviceProfile } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openLineCount, REFERENCE_PROFILES } from '../palette/index.ts';
import { type DeviceSimulator, startSimulator } from '../sim/index.ts';
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

/** Resolves once `count` rounds of `device` were seen. */
function rounds(seen: DeviceReadings[], device: string, count: number) {
  return (round: DeviceReadings, done: () => void) => {
    seen.push(round);
    if (seen.filter((r) => r.device === device).length === count) done();
  };
}

describe('SiteDevices', () => {
  test('polls each device and stores only its good readings', async () => {
    const sim = await simulator();
    const devices = await site({ 'lamp-1': sim });
    const stored: Array<[string, BatchReading]> = [];
    const store = { append: async (d: string, r: BatchReading) => void stored.push([d, r]) };
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

  test('keeps polling a live device while another one is down, and says why the dead one is bad', async () => {
    const live = await simulator();
    const dead = await simulator();
    const devices = await site({ live, dead });
    await dead.dispose();
    const seen: DeviceReadings[] = [];
    await new Promise<void>((resolve) => {
      const count = rounds(seen, 'live', 3);
      devices.startPolling({ onReadings: (r) => count(r, resolve) });
    });
    const liveRounds = seen.filter((r) => r.device === 'live');
    expect(liveRounds.every((r) => r.readings.every((x) => x.quality === 'good'))).toBe(true);
    // The dead device's first read still waits for its line while the live one has done three.
    expect(seen.filter((r) => r.device === 'dead')).toEqual([]);
    await devices.dispose();
    const deadRounds = seen.filter((r) => r.device === 'dead');
    expect(deadRounds.flatMap((r) => r.readings.map((x) => x.quality))).not.toContain('good');
    const errors = deadRounds.flatMap((r) => r.readings.map((x) => x.error?.message));
    expect(errors[0]).toContain(`${dead.host}:${dead.port}`);
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
    await new Promise<void>((resolve) => {
      const count = rounds(seen, 'lamp-1', 1);
      devices.startPolling({
        store: { append: async (_d, r) => void stored.push(r.point) },
        onReadings: (r) => count(r, resolve),
      });
    });
    const firmware = seen[0]?.readings.find((r) => r.point === 'firmware');
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
