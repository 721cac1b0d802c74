/**
 * @module Typed access to the mocha globals @web/test-runner installs, and the few assertions the
 * component tests need (no assertion library: these are enough and bundle to nothing).
 */

type Body = () => void | Promise<void>;
interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: Body): void;
  beforeEach(body: Body): void;
  afterEach(body: Body): void;
}
const mocha = globalThis as unknown as MochaGlobals;

/** mocha's `describe`. */
export const describe = (name: string, body: () => void) => mocha.describe(name, body);
/** mocha's `it`. */
export const it = (name: string, body: Body) => mocha.it(name, body);
/** mocha's `beforeEach`. */
export const beforeEach = (body: Body) => mocha.beforeEach(body);
/** mocha's `afterEach`. */
export const afterEach = (body: Body) => mocha.afterEach(body);

/** Fails unless `actual === expected`. */
export function equal<T>(actual: T, expected: T, what = 'value'): void {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Fails unless both sides serialise to the same JSON. */
export function deepEqual(actual: unknown, expected: unknown, what = 'value'): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Fails unless `value` is truthy. */
export function ok(value: unknown, what = 'value'): asserts value {
  if (!value) throw new Error(`${what}: expected truthy, got ${String(value)}`);
}

/** Fails unless `text` contains `part`. */
export function includes(text: string | null | undefined, part: string, what = 'text'): void {
  if (!text?.includes(part))
    throw new Error(`${what}: expected to contain "${part}", got "${text}"`);
}

/**
 * Resolves when `check` returns a truthy value, re-checking after each animation frame; for
 * waiting on a render that follows a fetch. Gives up after `frames` frames (no wall-clock limit).
 */
export async function until<T>(
  check: () => T,
  what = 'condition',
  frames = 300,
): Promise<NonNullable<T>> {
  for (let i = 0; i < frames; i++) {
    const value = check();
    if (value) return value as NonNullable<T>;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`${what}: never became true`);
}
