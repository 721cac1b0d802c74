/**
 * @module The shell's size budget: the initial JavaScript (the whole app with Lit and uPlot),
 * gzipped, must stay within 120 KiB. Builds into a temporary folder and fails when over.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../bench/measure.ts';
import { buildShell } from '../scripts/build.ts';

/** The goal of issue 5: initial JS ≤ 120 KiB gzipped, Lit and the chart library included. */
export const BUDGET_GZIP_BYTES = 120 * 1024;

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-shell-budget-'));
  try {
    const built = await buildShell(dir);
    report({
      name: 'shell initial JS, gzipped',
      unit: 'KiB',
      value: built.jsGzipBytes / 1024,
      goal: '≤ 120 KiB',
      extra: { rawKiB: built.jsBytes / 1024, file: built.script },
    });
    if (built.jsGzipBytes > BUDGET_GZIP_BYTES)
      throw new Error(
        `shell: initial JS is ${built.jsGzipBytes} bytes gzipped, over the ${BUDGET_GZIP_BYTES} budget`,
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
