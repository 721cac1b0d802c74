/**
 * @module Lets the vitest suites of schemas, core and sdk run unchanged under `deno test`:
 * maps describe/test/hooks onto Deno.test steps and `expect` onto Jest's expect.
 */
import { expect } from 'expect';

declare const Deno: {
  test(options: {
    name: string;
    fn: (t: DenoContext) => Promise<void>;
    sanitizeOps?: boolean;
    sanitizeResources?: boolean;
  }): void;
};
interface DenoContext {
  step(name: string, fn: () => Promise<void>): Promise<boolean>;
}

type Fn = () => unknown;
interface Suite {
  name: string;
  tests: Array<{ name: string; fn: Fn; skip: boolean }>;
  suites: Suite[];
  beforeAll: Fn[];
  afterAll: Fn[];
  beforeEach: Fn[];
  afterEach: Fn[];
  parent?: Suite;
}

const newSuite = (name: string, parent?: Suite): Suite => ({
  name,
  tests: [],
  suites: [],
  beforeAll: [],
  afterAll: [],
  beforeEach: [],
  afterEach: [],
  parent,
});

let current: Suite | undefined;
let scheduled = false;
const root = newSuite('');

function suite(): Suite {
  if (!current) {
    current = root;
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(registerRoot);
    }
  }
  return current;
}

function hooks(s: Suite | undefined, kind: 'beforeEach' | 'afterEach'): Fn[] {
  if (!s) return [];
  const own = s[kind];
  const outer = hooks(s.parent, kind);
  return kind === 'beforeEach' ? [...outer, ...own] : [...own, ...outer];
}

async function runTest(s: Suite, fn: Fn): Promise<void> {
  for (const hook of hooks(s, 'beforeEach')) await hook();
  try {
    await fn();
  } finally {
    for (const hook of hooks(s, 'afterEach')) await hook();
  }
}

async function runSuite(s: Suite, t: DenoContext): Promise<void> {
  for (const hook of s.beforeAll) await hook();
  try {
    for (const test of s.tests) {
      if (!test.skip) await t.step(test.name, () => runTest(s, test.fn));
    }
    for (const child of s.suites)
      await t.step(child.name, (tt?: unknown) => runSuite(child, tt as DenoContext));
  } finally {
    for (const hook of s.afterAll) await hook();
  }
}

function registerRoot(): void {
  const name = (globalThis as { location?: { href: string } }).location?.href ?? 'suite';
  for (const test of root.tests) {
    if (test.skip) continue;
    Deno.test({
      name: test.name,
      fn: () => runTest(root, test.fn),
      sanitizeOps: false,
      sanitizeResources: false,
    });
  }
  for (const child of root.suites) {
    Deno.test({
      name: child.name || name,
      fn: (t) => runSuite(child, t),
      sanitizeOps: false,
      sanitizeResources: false,
    });
  }
}

export function describe(name: string, body: () => void): void {
  const parent = suite();
  const child = newSuite(name, parent);
  parent.suites.push(child);
  current = child;
  try {
    body();
  } finally {
    current = parent;
  }
}

function addTest(name: string, fn: Fn, skip = false): void {
  suite().tests.push({ name, fn, skip });
}

type TestFn = ((name: string, fn: Fn, timeout?: number) => void) & {
  skip: (name: string, fn: Fn) => void;
  skipIf: (cond: boolean) => (name: string, fn: Fn) => void;
  // biome-ignore lint/suspicious/noExplicitAny: mirrors vitest's loosely typed test.each
  each: <T>(cases: readonly T[]) => (name: string, fn: (...args: any[]) => unknown) => void;
};

/** vitest's `test.each`: arrays are spread into the test's arguments, `%s` and `$key` name it. */
function each<T>(cases: readonly T[]) {
  return (name: string, fn: (...args: unknown[]) => unknown) => {
    for (const c of cases) {
      const args = Array.isArray(c) ? c : [c];
      let next = 0;
      const label = name
        .replace(/\$(\w+)/g, (_, k: string) => String((c as Record<string, unknown>)[k]))
        .replace(/%[sdijo]/g, () => String(args[next++]));
      addTest(label, () => fn(...args));
    }
  };
}

export const test: TestFn = Object.assign((name: string, fn: Fn) => addTest(name, fn), {
  skip: (name: string, fn: Fn) => addTest(name, fn, true),
  skipIf: (cond: boolean) => (name: string, fn: Fn) => addTest(name, fn, cond),
  each,
});
export const it = test;
export const beforeAll = (fn: Fn): void => void suite().beforeAll.push(fn);
export const afterAll = (fn: Fn): void => void suite().afterAll.push(fn);
export const beforeEach = (fn: Fn): void => void suite().beforeEach.push(fn);
export const afterEach = (fn: Fn): void => void suite().afterEach.push(fn);
export { expect };
