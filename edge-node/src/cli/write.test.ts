import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/index.ts';
import { type DeviceSimulator, startSimulator } from '../sim/index.ts';
import { hengEdge, profileFile } from './commissioning.fixture.ts';

let sim: DeviceSimulator | undefined;
afterEach(async () => {
  await sim?.dispose();
  sim = undefined;
});

async function pumping(): Promise<{ sim: DeviceSimulator; args: string[] }> {
  const file = profileFile('pumping-station');
  sim = await startSimulator({ profile: await loadProfile(file), tickMs: 0 });
  return { sim, args: ['write', '--profile', file, '--port', String(sim.port)] };
}

describe('heng-edge write', () => {
  it('writes a point, confirms it by reading back, and prints the result', async () => {
    const { sim, args } = await pumping();
    const run = await hengEdge([
      ...args,
      '--point',
      'emergency-mode',
      '--value',
      '2',
      '--reason',
      'drill',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      point: 'emergency-mode',
      value: 2,
      readBack: 2,
      confirmed: true,
      reason: 'drill',
    });
    expect(sim.value('emergency-mode')).toBe(2);
  });

  it('refuses a value above the point limit and writes nothing', async () => {
    const { sim, args } = await pumping();
    const before = sim.value('start-level');
    const run = await hengEdge([
      ...args,
      '--point',
      'start-level',
      '--value',
      '9',
      '--reason',
      'x',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'heng-edge write: refused write to point "start-level" of device "pumping-station-psc2" (holding-register 1): 9 m is above its max 4.5 m\n',
    );
    expect(sim.value('start-level')).toBe(before);
  });

  it('refuses a write to a read-only point and a value of the wrong type', async () => {
    const { args } = await pumping();
    const readOnly = await hengEdge([...args, '--point', 'flow', '--value', '1', '--reason', 'x']);
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toContain('the point is read-only');
    const wrongType = await hengEdge([
      ...args,
      '--point',
      'emergency-mode',
      '--value',
      'high',
      '--reason',
      'x',
    ]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toContain('takes a number');
  });

  it('writes a coil from on/off words', async () => {
    const { sim, args } = await pumping();
    // pump-1-start is write-only (a momentary start coil): written, not read back.
    const run = await hengEdge([
      ...args,
      '--point',
      'pump-1-start',
      '--value',
      'on',
      '--reason',
      'test',
    ]);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ value: true, confirmed: false });
    expect(result).not.toHaveProperty('readBack');
    expect(sim.requests).toBe(1);
  });

  it('requires a reason', async () => {
    const { args } = await pumping();
    const run = await hengEdge([...args, '--point', 'emergency-mode', '--value', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("required option '--reason <text>' not specified");
  });
});
