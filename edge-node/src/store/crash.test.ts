import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TelemetryBatch } from '@heng/schemas';
import { afterEach, expect, test } from 'vitest';
import { SegmentedTelemetry } from './index.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged at least `atLeast` readings, then SIGKILLs it. */
function writeThenKill(at: string, atLeast: number): Promise<number> {
  const script = fileURLToPath(new URL('./crash-writer.fixture.ts', import.meta.url));
  const child = spawn(process.execPath, [script, at], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let acked = 0;
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) acked = Math.max(acked, Number(line.replace('acked ', '')));
      if (acked >= atLeast && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(acked)
        : reject(new Error(`writer exited by itself (${signal})`)),
    );
    child.on('error', reject);
  });
}

test('keeps every acknowledged reading when the edge is killed mid-flush, and opens again', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-crash-'));
  const acked = await writeThenKill(dir, 2000);
  const segments = new SegmentedTelemetry(dir);
  try {
    let stored = 0;
    const values = new Set<number>();
    for (const name of await segments.names()) {
      const db = await segments.segment(name);
      const all = await db.allDocs<TelemetryBatch>({ include_docs: true });
      for (const row of all.rows) {
        stored += row.doc!.count;
        for (const r of row.doc!.readings) values.add(r.value as number);
      }
    }
    expect(stored).toBeGreaterThanOrEqual(acked);
    // Every reading below the acknowledged count is there, none twice.
    expect(values.size).toBe(stored);
    for (let i = 0; i < acked; i++) expect(values.has(i)).toBe(true);
  } finally {
    await segments.close();
  }
});
