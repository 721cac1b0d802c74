import type { DeviceProfile } from '@heng/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../test-peers/fault-proxy.ts';
import { startPymodbus } from '../../test-peers/pymodbus-peer.ts';
import { loadProfile } from '../profiles/index.ts';
import { type FaultOptions, startSimulator } from '../sim/index.ts';
import { DeviceClient } from './device.ts';
import { ModbusWriteMismatchError } from './errors.ts';
import { type LineOptions, ModbusLine } from './line.ts';
import { TcpTransport } from './transport-tcp.ts';
import { WriteRefusedError } from './write-check.ts';

const PROFILES = ['streetlight-controller', 'environment-station', 'pumping-station'];
const profileFile = (name: string) => new URL(`../../profiles/${name}.json`, import.meta.url);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simulate(profile: DeviceProfile, faults?: FaultOptions) {
  const sim = await startSimulator({ profile, tickMs: 0, seed: 7, faults });
  cleanups.push(() => sim.dispose());
  return sim;
}

function client(
  profile: DeviceProfile,
  port: number,
  options: Omit<LineOptions, 'transport'> = {},
) {
  const line = new ModbusLine({
    transport: new TcpTransport({ host: '127.0.0.1', port }),
    ...options,
  });
  cleanups.push(() => line.dispose());
  return new DeviceClient({ profile, line });
}

function close(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') {
    // float32 registers hold about 7 significant digits of the model's double.
    return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
  }
  return actual === expected;
}

describe('DeviceClient', () => {
  it('reads only the named points, in the profile order, in requests planned for them alone', async () => {
    const profile = await loadProfile(profileFile('pumping-station'));
    const sim = await simulate(profile);
    const device = client(profile, sim.port);
    const readings = await device.readPoints(['total-volume', 'pump-1-hours']);
    expect(readings.map((r) => [r.point, r.quality])).toEqual([
      ['pump-1-hours', 'good'],
      ['total-volume', 'good'],
    ]);
    expect(readings[1]?.value).toBe(sim.value('total-volume'));
    await expect(device.readPoints(['pump-1-start'])).rejects.toThrow(
      /point "pump-1-start" of device "pumping-station.*" is write-only/,
    );
    await expect(device.readPoints(['nope'])).rejects.toMatchObject({ code: 'not_found' });
  });

  it.each(PROFILES)('reads every readable point of the %s simulator', async (name) => {
    const profile = await loadProfile(profileFile(name));
    const sim = await simulate(profile);
    const device = client(profile, sim.port);
    const readings = await device.readAll();
    const readable = profile.points.filter((p) => p.access !== 'write');
    expect(readings.map((r) => r.point)).toEqual(readable.map((p) => p.name));
    for (const r of readings) {
      expect(r.quality, `${r.point}: ${r.error?.message}`).toBe('good');
      expect(
        close(r.value, sim.value(r.point)),
        `${r.point}: ${r.value} vs ${sim.value(r.point)}`,
      ).toBe(true);
      expect(r.unit).toBe(profile.points.find((p) => p.name === r.point)?.unit);
    }
    expect(device.plan.length).toBeLessThan(readable.length);
  });

  it('reads without gaps from a device that refuses reads of unmapped addresses', async () => {
    const profile = await loadProfile(profileFile('streetlight-controller'));
    const sim = await simulate(profile); // the simulator answers exception 2 for unmapped addresses
    const device = client(profile, sim.port);
    const bridged = device.plan.length;
    expect((await device.readAll()).every((r) => r.quality === 'good')).toBe(true);
    expect(device.plan.length).toBeGreaterThan(bridged);
    const requests = sim.requests;
    await device.readAll();
    expect(sim.requests - requests).toBe(device.plan.length);
  });

  it('marks bad only the points of the request that failed', async () => {
    const profile = await loadProfile(profileFile('streetlight-controller'));
    const sim = await simulate(profile, { exception: { code: 2, address: 200 } });
    const readings = await client(profile, sim.port).readAll();
    const bad = readings.filter((r) => r.quality === 'bad');
    expect(bad.map((r) => r.point)).toEqual(['firmware']);
    expect(bad[0]).toMatchObject({ value: null, error: { code: 'device_exception' } });
    expect(bad[0]?.error?.message).toMatch(
      /^Modbus exception 2 \(illegal data address\) \(device "streetlight-controller-slc300", unit 1, read holding-register 200\.\.207, via tcp 127\.0\.0\.1:\d+\)$/,
    );
  });

  it('reads every point bad with the timeout when the device does not answer', async () => {
    const profile = await loadProfile(profileFile('pumping-station'));
    const p = await startPymodbus({ units: [1] }); // serves unit 1; the profile is unit 3
    cleanups.push(() => p.dispose());
    const device = client(profile, p.port, { timeoutMs: 100, retries: 0 });
    const readings = await device.readAll();
    expect(readings.every((r) => r.quality === 'bad' && r.error?.code === 'device_timeout')).toBe(
      true,
    );
    expect(device.health.state).not.toBe('online');
  });

  it('writes a register and a coil and confirms them by reading back', async () => {
    const profile = await loadProfile(profileFile('streetlight-controller'));
    const sim = await simulate(profile);
    const device = client(profile, sim.port);
    await expect(device.write('dimming', 40, { reason: 'night plan' })).resolves.toMatchObject({
      point: 'dimming',
      value: 40,
      readBack: 40,
      unit: '%',
      reason: 'night plan',
    });
    await expect(
      device.write('lamp-2-on', false, { reason: 'maintenance' }),
    ).resolves.toMatchObject({ value: false, readBack: false });
    expect(sim.value('dimming')).toBe(40);
    expect(sim.value('lamp-2-on')).toBe(false);
  });

  it('confirms a scaled write within the resolution of its scale', async () => {
    const profile = await loadProfile(profileFile('pumping-station'));
    const sim = await simulate(profile);
    const result = await client(profile, sim.port).write('start-level', 1.234, { reason: 'test' });
    expect(result.value).toBe(1.234);
    expect(result.readBack).toBeCloseTo(1.23, 10);
  });

  it('refuses a write above the limit or to a read-only point before anything is sent', async () => {
    const profile = await loadProfile(profileFile('streetlight-controller'));
    const sim = await simulate(profile);
    const device = client(profile, sim.port);
    const before = sim.requests;
    await expect(device.write('dimming', 150, { reason: 'x' })).rejects.toThrow(
      'refused write to point "dimming" of device "streetlight-controller-slc300" (holding-register 0): 150 % is above its max 100 %',
    );
    await expect(device.write('voltage', 1, { reason: 'x' })).rejects.toBeInstanceOf(
      WriteRefusedError,
    );
    await expect(device.write('dimming', 50, { reason: ' ' })).rejects.toThrow('needs a reason');
    await expect(device.write('nope', 1, { reason: 'x' })).rejects.toThrow(
      'no point "nope" in profile "streetlight-controller-slc300"',
    );
    expect(sim.requests).toBe(before);
  });

  it('refuses to report success when the read-back differs', async () => {
    const profile = await loadProfile(profileFile('streetlight-controller'));
    const sim = await simulate(profile);
    const proxy = await FaultProxy.start(sim.port);
    cleanups.push(() => proxy.dispose());
    proxy.mangleNextReply((frame) => frame); // the write's echo
    proxy.mangleNextReply((frame) => {
      frame.writeUInt16BE(39, 9); // the read-back: one register, value 39
      return frame;
    });
    const err = await client(profile, proxy.port)
      .write('dimming', 40, { reason: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModbusWriteMismatchError);
    expect((err as Error).message).toMatch(
      /^write not confirmed: wrote 40 but read back 39 \(device "streetlight-controller-slc300", unit 1, write holding-register 0, point "dimming", via tcp/,
    );
  });
});
