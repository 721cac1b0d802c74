import { afterEach, describe, expect, test } from 'vitest';
import type { LineLease } from '../devices/index.ts';
import { loadProfile } from '../profiles/index.ts';
import { type DeviceSimulator, startSimulator } from '../sim/index.ts';
import { openDeviceClient } from './device-node.ts';
import { FlowDevices, writerOf } from './flow-devices.ts';

const PROFILE = new URL('../../profiles/streetlight-controller.json', import.meta.url).pathname;
const open: Array<{ lease: LineLease }> = [];
let sim: DeviceSimulator | undefined;

afterEach(async () => {
  for (const o of open.splice(0)) await o.lease.release();
  await sim?.dispose();
});

async function device(name: string) {
  sim ??= await startSimulator({ profile: await loadProfile(PROFILE), port: 0, tickMs: 0 });
  const opened = await openDeviceClient(
    { name, host: sim.host, port: sim.port, profile: PROFILE },
    process.cwd(),
  );
  open.push(opened);
  return opened.client;
}

describe('the devices of the flows', () => {
  test('carry a command to the device the flow names, with its checks and read-back', async () => {
    const devices = new FlowDevices();
    devices.add(await device('lamp-01'));
    await expect(devices.write('lamp-01', 'dimming', 40, 'test')).resolves.toEqual({
      readBack: 40,
    });
    expect(sim?.value('dimming')).toBe(40);
    await expect(devices.write('lamp-01', 'dimming', 400, 'test')).rejects.toThrow(/max|limit|100/);
    await expect(devices.write('lamp-09', 'dimming', 40, 'test')).rejects.toThrow(
      /no device "lamp-09"/,
    );
  });

  test('refuse a second device under a taken name, and forget a device whose node closed', async () => {
    const devices = new FlowDevices();
    const remove = devices.add(await device('lamp-01'));
    expect(() => devices.add({ device: 'lamp-01' } as never)).toThrow(
      /two heng-device nodes are named "lamp-01"/,
    );
    remove();
    expect(devices.has('lamp-01')).toBe(false);
  });

  test('come after the devices file when both name a device', async () => {
    const fromFile = {
      has: (d: string) => d === 'lamp-01',
      write: async () => ({ readBack: 'file' }),
    };
    const flows = new FlowDevices();
    flows.add(await device('lamp-01'));
    const writer = writerOf(fromFile, flows);
    await expect(writer.write('lamp-01', 'dimming', 40, 'r')).resolves.toEqual({
      readBack: 'file',
    });
    await expect(writer.write('nope', 'dimming', 40, 'r')).rejects.toThrow(/no device "nope"/);
  });
});
