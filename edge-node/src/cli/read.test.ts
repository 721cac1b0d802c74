import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/index.ts';
import { type DeviceSimulator, type FaultOptions, startSimulator } from '../sim/index.ts';
import { hengEdge, profileFile } from './commissioning.fixture.ts';

let sim: DeviceSimulator | undefined;
afterEach(async () => {
  await sim?.dispose();
  sim = undefined;
});

async function simulate(name: string, faults?: FaultOptions): Promise<DeviceSimulator> {
  sim = await startSimulator({ profile: await loadProfile(profileFile(name)), tickMs: 0, faults });
  return sim;
}

describe('heng-edge read', () => {
  it('prints every point of the device as JSON with value, unit and quality', async () => {
    const s = await simulate('environment-station');
    const run = await hengEdge([
      'read',
      '--profile',
      profileFile('environment-station'),
      '--port',
      String(s.port),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<
      string,
      { value: unknown; unit?: string; quality: string }
    >;
    expect(Object.keys(out)).toContain('pm25');
    expect(out['pm25']).toMatchObject({ unit: 'µg/m³', quality: 'good' });
    expect(out['pm25']?.value).toBeCloseTo(s.value('pm25') as number, 6);
    expect(out['station-id']?.value).toBe(s.value('station-id'));
    expect(Object.values(out).every((r) => r.quality === 'good')).toBe(true);
  });

  it('exits 1 and says which points failed when the device refuses some', async () => {
    const s = await simulate('streetlight-controller', { exception: { code: 2, address: 200 } });
    const run = await hengEdge([
      'read',
      '--profile',
      profileFile('streetlight-controller'),
      '--port',
      String(s.port),
    ]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as Record<string, { quality: string; error?: string }>;
    expect(out['firmware']).toMatchObject({ quality: 'bad' });
    expect(out['firmware']?.error).toContain('Modbus exception 2 (illegal data address)');
    expect(out['dimming']).toMatchObject({ quality: 'good' });
    expect(run.stderr).toContain(
      '1 of 17 points of "streetlight-controller-slc300" could not be read',
    );
  });

  it('exits 1 with a clear message when nothing listens', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    server.close();
    await once(server, 'close');
    const run = await hengEdge([
      'read',
      '--profile',
      profileFile('pumping-station'),
      '--port',
      String(port),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`heng-edge read: connection refused (via tcp 127.0.0.1:${port})\n`);
  });

  it('exits 1 naming the file when the profile is not valid', async () => {
    const run = await hengEdge(['read', '--profile', '/nonexistent/profile.json', '--port', '502']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/nonexistent/profile.json');
  });
});
