import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeviceSimulator, startSimulator } from './index.ts';
import { testProfile } from './test-profile.fixture.ts';

const run = promisify(execFile);
let sim: DeviceSimulator;

beforeEach(async () => {
  sim = await startSimulator({ profile: testProfile, tickMs: 0, seed: 2 });
});

afterEach(async () => {
  await sim.dispose();
});

/** Runs Debian's mbpoll once against the simulator (-r is 1-based: -r 1 is address 0). */
async function mbpoll(
  args: string[],
  writes: string[] = [],
): Promise<{ code: number; out: string }> {
  const argv = ['-m', 'tcp', '-a', '7', '-1', '-p', String(sim.port), '-t', ...args];
  try {
    const { stdout } = await run('mbpoll', [...argv, '127.0.0.1', ...writes]);
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

/** The `[ref]: value` lines of mbpoll's output. */
const values = (out: string) => [...out.matchAll(/^\[(\d+)\]:\s+(\S+)/gm)].map((m) => m[2]);

describe('mbpoll (a Modbus master we did not write) against the simulator', () => {
  it('reads holding registers', async () => {
    const { code, out } = await mbpoll(['4', '-r', '1', '-c', '2']);
    expect(code).toBe(0);
    expect(values(out)).toEqual(['100', '0']);
  });

  it('reads input registers as big-endian floats that match the model', async () => {
    const { out } = await mbpoll(['3:float', '-B', '-r', '1', '-c', '1']);
    expect(Number(values(out)[0])).toBeCloseTo(sim.value('power') as number, 2);
  });

  it('reads coils and discrete inputs', async () => {
    expect(values((await mbpoll(['0', '-r', '1', '-c', '2'])).out)).toEqual(['1', '1']);
    expect(values((await mbpoll(['1', '-r', '1', '-c', '2'])).out)).toEqual(['0', '1']);
  });

  it('writes a holding register, and the model reflects it', async () => {
    const { code } = await mbpoll(['4', '-r', '1'], ['30']);
    expect(code).toBe(0);
    expect(sim.value('dimming')).toBe(30);
  });

  it('reports the illegal data address exception for an unmapped register', async () => {
    const { code, out } = await mbpoll(['4', '-r', '5', '-c', '2']);
    expect(code).not.toBe(0);
    expect(out).toMatch(/Illegal data address/);
  });
});
