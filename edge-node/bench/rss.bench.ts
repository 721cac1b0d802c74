/**
 * @module Idle memory of `heng-edge start` (store, bus, commands, Node-RED with Heng's palette)
 * against stock Node-RED embedded with the same express setup (stock-node-red.ts), each in a
 * fresh child process: started, left to settle, then its VmRSS read from /proc.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { compare, type Result } from '../../bench/measure.ts';

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const STOCK = fileURLToPath(new URL('./stock-node-red.ts', import.meta.url));
/** After "editor on": long enough for start-up garbage to be collected and timers to run once. */
const SETTLE_MS = 3000;
const START_TIMEOUT_MS = 60_000;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kib) / 1024;
}

/** Starts `args` in a fresh data folder, waits for "editor on", settles, reads RSS, stops it. */
async function idleRss(args: (dir: string) => string[]): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-rss-bench-'));
  const child = spawn(process.execPath, args(dir), { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    const lines = createInterface({ input: child.stdout });
    const started = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        if (line.includes('editor on')) resolve();
      });
    });
    const timeout = AbortSignal.timeout(START_TIMEOUT_MS);
    await Promise.race([
      started,
      exited.then(([code]) => {
        throw new Error(`${args(dir).join(' ')} exited with ${code} before "editor on": ${stderr}`);
      }),
      once(timeout, 'abort').then(() => {
        throw new Error(`${args(dir).join(' ')}: no "editor on" within ${START_TIMEOUT_MS} ms`);
      }),
    ]);
    await delay(SETTLE_MS);
    return await rssMiB(child.pid!);
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const heng = () => idleRss((dir) => [MAIN, 'start', '--site', 'b', '--data', dir, '--port', '0']);
  const stock = () => idleRss((dir) => [STOCK, dir]);
  const result = await compare(
    'idle RSS: heng-edge start vs stock embedded Node-RED',
    'MiB',
    heng,
    stock,
    {
      rounds: 5,
      warmup: 1,
      goal: '≤ 1.5× stock',
    },
  );
  result.extra = { settle_ms: SETTLE_MS };
  report(result);
}
