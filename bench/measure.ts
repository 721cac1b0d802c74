/**
 * @module How Heng benchmarks measure: a candidate against a baseline on the same work,
 * interleaved A B A B after a warm-up, reported as the median ratio of at least five rounds with
 * its min–max, so noise shows.
 */

export interface Comparison {
  name: string;
  unit: string;
  /** Median throughput (or other figure) of the candidate and the baseline. */
  candidate: number;
  baseline: number;
  /** candidate / baseline per round: median, min, max. */
  ratio: { median: number; min: number; max: number };
  goal?: string;
  extra?: Record<string, number | string>;
}

export interface Figure {
  name: string;
  unit: string;
  value: number;
  min?: number;
  max?: number;
  goal?: string;
  extra?: Record<string, number | string>;
}

export type Result = Comparison | Figure;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One round of work: returns the figure it measured (higher is better), e.g. operations/s. */
export type Round = () => Promise<number> | number;

/**
 * Runs `warmup` rounds of each, then `rounds` interleaved pairs; the ratio is taken per pair.
 */
export async function compare(
  name: string,
  unit: string,
  candidate: Round,
  baseline: Round,
  options: { rounds?: number; warmup?: number; goal?: string } = {},
): Promise<Comparison> {
  const rounds = Math.max(5, options.rounds ?? 7);
  for (let i = 0; i < (options.warmup ?? 2); i++) {
    await baseline();
    await candidate();
  }
  const cs: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first so neither always gets the warmer cache.
    let c: number;
    let b: number;
    if (i % 2 === 0) {
      c = await candidate();
      b = await baseline();
    } else {
      b = await baseline();
      c = await candidate();
    }
    cs.push(c);
    bs.push(b);
    ratios.push(c / b);
  }
  return {
    name,
    unit,
    candidate: median(cs),
    baseline: median(bs),
    ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
    goal: options.goal,
  };
}

/** Operations per second of `run`, called `count` times in a row. */
export async function rate(count: number, run: (i: number) => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  return count / ((performance.now() - start) / 1000);
}

/** Forces a full GC when Node was started with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
