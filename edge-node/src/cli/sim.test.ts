import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeClient, connectClient } from '../sim/client.fixture.ts';
import { testProfile } from '../sim/test-profile.fixture.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heng-sim-cli-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  await rm(dir, { recursive: true, force: true });
});

/** Starts `heng-edge` with `args` under the same Node, collecting its output. */
function heng(args: string[]) {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output.stderr += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output, exited };
}

/** Resolves with the port once the simulator printed where it listens. */
async function listening(run: ReturnType<typeof heng>): Promise<number> {
  for (;;) {
    const match = /listening on 127\.0\.0\.1:(\d+)/.exec(run.output.stdout);
    if (match) return Number(match[1]);
    const next = await Promise.race([
      once(run.child.stdout!, 'data').then(() => 'data'),
      run.exited.then(() => 'exit'),
    ]);
    if (next === 'exit') throw new Error(`heng-edge exited early: ${run.output.stderr}`);
  }
}

describe('heng-edge sim', () => {
  it('prints where it listens, answers Modbus, and exits 0 on SIGINT', async () => {
    const file = path.join(dir, 'cabinet.json');
    await writeFile(file, JSON.stringify(testProfile));
    const run = heng(['sim', '--profile', file, '--port', '0', '--unit', '3', '--seed', '1']);
    const port = await listening(run);
    expect(run.output.stdout).toMatch(/sim-test-cabinet \(unit 3\)/);
    const client = await connectClient(port, 3);
    expect((await client.readHoldingRegisters(0, 1)).data).toEqual([100]);
    await closeClient(client);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output.stdout).toMatch(/stopped/);
  });

  it('applies fault flags: --exception answers every read with that code', async () => {
    const file = path.join(dir, 'cabinet.json');
    await writeFile(file, JSON.stringify(testProfile));
    const run = heng(['sim', '--profile', file, '--port', '0', '--exception', '6']);
    const client = await connectClient(await listening(run), 7);
    await expect(client.readCoils(0, 1)).rejects.toMatchObject({ modbusCode: 6 });
    await closeClient(client);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('exits 1 with the JSON path of the problem when the profile is invalid', async () => {
    const file = path.join(dir, 'bad.json');
    const bad = structuredClone(testProfile);
    bad.points[4]!.address = 70000;
    await writeFile(file, JSON.stringify(bad));
    const run = heng(['sim', '--profile', file, '--port', '0']);
    expect(await run.exited).toBe(1);
    expect(run.output.stderr).toMatch(/\/points\/4\/address/);
    expect(run.output.stderr).toContain(file);
  });

  it('exits 1 naming the file when the profile does not exist', async () => {
    const run = heng(['sim', '--profile', path.join(dir, 'missing.json'), '--port', '0']);
    expect(await run.exited).toBe(1);
    expect(run.output.stderr).toMatch(/missing\.json does not exist/);
  });

  it('refuses a bad flag value before starting', async () => {
    const run = heng(['sim', '--profile', 'x.json', '--port', '0', '--timeout-rate', '2']);
    expect(await run.exited).not.toBe(0);
    expect(run.output.stderr).toMatch(/--timeout-rate.*not a fraction/);
  });
});
