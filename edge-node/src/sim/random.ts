/**
 * @module A small seeded random source, so a simulator started with a seed replays the same values
 * and the same injected faults.
 */

/**
 * Returns a function giving numbers in [0, 1) from `seed` (mulberry32: fast, good enough for
 * simulated readings, not for anything secret).
 *
 * @example const random = seededRandom(42); random(); // always the same first number
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
