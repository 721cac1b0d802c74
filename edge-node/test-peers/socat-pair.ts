/**
 * @module A virtual serial line for RTU tests: two pseudo-terminals joined by socat, so a
 * Modbus master on one end and a device on the other talk as over a cable.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface PtyPair extends AsyncDisposable {
  /** The device's end. */
  device: string;
  /** The master's end. */
  master: string;
  dispose(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'heng-pty-'));
  const device = join(dir, 'device');
  const master = join(dir, 'master');
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${master}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = once(child, 'exit');
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      // socat has created both links once it says so.
      if (log.includes('starting data transfer loop')) resolve();
    });
    exited.then(() => reject(new Error(`socat exited: ${log}`)));
  });
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { device, master, dispose, [Symbol.asyncDispose]: dispose };
}
