/**
 * @module Starts benchmark simulators in a child process (simulators.ts) and stops them again.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FaultOptions } from '../src/sim/index.ts';

const SCRIPT = fileURLToPath(new URL('./simulators.ts', import.meta.url));

/** Simulators running in another process: their ports, in the order of the faults asked for. */
export interface SimulatorProcess extends AsyncDisposable {
  ports: number[];
  dispose(): Promise<void>;
}

/** One simulator of 125 holding registers per entry of `faults` (`{}` for a healthy one). */
export async function spawnSimulators(faults: FaultOptions[]): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(faults)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = once(lines, 'line') as Promise<[string]>;
  const result = await Promise.race([
    first,
    exited.then(([code]) => {
      throw new Error(`benchmark simulators exited with code ${code} before listening`);
    }),
  ]);
  const ports = JSON.parse(result[0]) as number[];
  const dispose = async () => {
    if (child.exitCode !== null) return;
    child.stdin.end();
    await exited;
  };
  return { ports, dispose, [Symbol.asyncDispose]: dispose };
}
