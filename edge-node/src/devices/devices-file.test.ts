import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REFERENCE_PROFILES } from '../profiles/index.ts';
import { loadDevicesFile, resolveDevices } from './devices-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-devices-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lamp = {
  name: 'lamp-ctrl-1',
  profile: 'streetlight-controller',
  host: '10.0.0.5',
  port: 502,
};

describe('resolveDevices', () => {
  test('loads a reference profile by name and a profile file relative to the base folder', async () => {
    const text = await readFile(path.join(REFERENCE_PROFILES, 'pumping-station.json'), 'utf8');
    await writeFile(path.join(dir, 'pump.json'), text);
    const devices = await resolveDevices(
      [lamp, { name: 'pump-1', profile: './pump.json', host: '10.0.0.6', port: 502, unit: 3 }],
      { where: 'test', baseDir: dir },
    );
    expect(devices.map((d) => [d.entry.name, d.profile.id])).toEqual([
      ['lamp-ctrl-1', 'streetlight-controller-slc300'],
      ['pump-1', JSON.parse(text).id],
    ]);
  });

  test('takes line settings, in range, the same for every device on one host:port', async () => {
    const ok = await resolveDevices([{ ...lamp, timeoutMs: 300, retries: 0, offlineAfter: 1 }], {
      where: 'site.json',
      baseDir: dir,
    });
    expect(ok[0]?.entry).toMatchObject({ timeoutMs: 300, retries: 0, offlineAfter: 1 });
    const message = await resolveDevices(
      [
        { ...lamp, timeoutMs: 300 },
        { ...lamp, name: 'lamp-ctrl-2', unit: 2, timeoutMs: 500, retries: 11 },
      ],
      { where: 'site.json', baseDir: dir },
    ).catch((e: Error) => e.message);
    expect(message).toContain('devices[1].retries: must be 0..10');
    expect(message).toContain(
      'devices[1].timeoutMs: 500 differs from devices[0] (300): devices on 10.0.0.5:502 share one line',
    );
  });

  test('names the entry and field of every problem at once', async () => {
    const error = await resolveDevices(
      [
        lamp,
        { ...lamp, name: 'lamp-ctrl-2', host: undefined },
        { ...lamp, name: 'lamp-ctrl-3', port: 70000 },
        { ...lamp, profile: 'no-such-profile', port: 503 },
      ],
      { where: 'site.json', baseDir: dir },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect((error as Error).message).toContain('devices[1].host: is required');
    // Schema problems are reported first: the rest is checked on a well-formed list.
    const second = await resolveDevices(
      [
        lamp,
        { ...lamp, name: 'lamp-ctrl-3', port: 70000 },
        { ...lamp, profile: 'no-such-profile', port: 503 },
      ],
      { where: 'site.json', baseDir: dir },
    ).catch((e: Error) => e.message);
    expect(second).toContain('invalid site devices in site.json');
    expect(second).toContain('devices[1].port: must be 1..65535');
    expect(second).toContain('devices[2].name: "lamp-ctrl-1" is already the name of devices[0]');
    expect(second).toMatch(
      /devices\[2\]\.profile: device profile .*no-such-profile\.json does not exist/,
    );
  });

  test('refuses two entries for the same unit behind the same host and port', async () => {
    await expect(
      resolveDevices([lamp, { ...lamp, name: 'lamp-ctrl-2', unit: 1 }], {
        where: 't',
        baseDir: dir,
      }),
    ).rejects.toThrow('devices[1].unit: 10.0.0.5:502 unit 1 is already devices[0]');
  });
});

describe('loadDevicesFile', () => {
  test('takes profile paths from the file’s folder and returns them absolute', async () => {
    const text = await readFile(path.join(REFERENCE_PROFILES, 'pumping-station.json'), 'utf8');
    await writeFile(path.join(dir, 'pump.json'), text);
    const file = path.join(dir, 'site.json');
    await writeFile(file, JSON.stringify([{ ...lamp, profile: 'pump.json' }]));
    const [entry] = await loadDevicesFile(file);
    expect(entry?.profile).toBe(path.join(dir, 'pump.json'));
  });

  test('says when the file is missing or not JSON', async () => {
    await expect(loadDevicesFile(path.join(dir, 'none.json'))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('none.json does not exist'),
    });
    const file = path.join(dir, 'site.json');
    await writeFile(file, '[{');
    await expect(loadDevicesFile(file)).rejects.toThrow(/site\.json: devices: is not JSON/);
  });
});
