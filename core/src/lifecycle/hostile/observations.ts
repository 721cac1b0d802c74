/**
 * @module Hostile plugins that probe and tamper but must not be able to do harm: each returns
 * what it observed, the table says exactly what that must be, and the plugin stays active.
 */
import { onRequest, onRequestAsync } from './plugins.ts';

/** One probing plugin and the exact value its `onRequest` must answer. */
export interface ObservationCase {
  name: string;
  bundle: string;
  permissions?: unknown[];
  limits?: { callTimeoutMs?: number; memoryMiB?: number };
  query?: Record<string, string>;
  expected: unknown;
}

const AMBIENT = [
  'process',
  'require',
  'module',
  'fetch',
  'setTimeout',
  'setInterval',
  'queueMicrotask',
  'WebAssembly',
  'XMLHttpRequest',
  'std',
  'os',
  'Deno',
  'Bun',
  '__hengHost',
  '__hengShape',
];

/** Walks every object reachable from the global and `heng` looking for a host function. */
const WALK = `const seen = new Set(); const found = []; const queue = [globalThis, heng];
  while (queue.length) {
    const o = queue.shift();
    if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) continue;
    seen.add(o);
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      for (const v of [d.value, d.get, d.set]) {
        if (typeof v === 'function' && /host|install|dispatch|callSync|callAsync/i.test(v.name)) found.push(String(k));
        queue.push(v);
      }
    }
    queue.push(Object.getPrototypeOf(o));
  }
  return { reached: seen.size > 100, found };`;

export const OBSERVATIONS: ObservationCase[] = [
  {
    name: 'looks for ambient authority on its global',
    bundle: onRequest(
      `return ${JSON.stringify(AMBIENT)}.filter((name) => typeof globalThis[name] !== 'undefined');`,
    ),
    expected: [],
  },
  {
    name: "gets its global through Function('return this')() and finds only its own",
    bundle: onRequest(
      "const g = Function('return this')(); return [g === globalThis, typeof g.process, typeof g.__hengHost, Object.getOwnPropertyNames(g).includes('heng')];",
    ),
    expected: [true, 'undefined', 'undefined', true],
  },
  {
    name: 'uses eval and indirect eval, which see the same sandboxed global',
    bundle: onRequest(
      "return [eval('typeof require'), (0, eval)('globalThis') === globalThis, eval('1 + 1')];",
    ),
    expected: ['undefined', true, 2],
  },
  {
    name: 'imports modules dynamically: there is no module loader',
    bundle: onRequestAsync(`const out = [];
      for (const name of ['std', 'os', './other.js', 'https://example.org/x.js']) {
        try { await import(name); out.push('loaded ' + name) } catch (e) { out.push(e.name) }
      }
      return out;`),
    expected: ['ReferenceError', 'ReferenceError', 'ReferenceError', 'ReferenceError'],
  },
  {
    name: 'asks for namespaces it was not granted',
    bundle: onRequest(
      "return [Object.keys(heng).sort().join(','), typeof heng.commands, typeof heng.storage, typeof heng.fetch, Object.isFrozen(heng), Object.isFrozen(heng.log)];",
    ),
    expected: ['log,now', 'undefined', 'undefined', 'undefined', true, true],
  },
  {
    name: 'reads heng.log.info.toString() and tries the names it shows',
    bundle: onRequest(
      "const src = heng.log.info.toString(); return [src.includes('callSync'), Function('return typeof callSync + typeof host')()];",
    ),
    expected: [true, 'undefinedundefined'],
  },
  {
    name: 'walks every object and prototype it can reach for a host function',
    limits: { callTimeoutMs: 500 },
    bundle: onRequest(WALK),
    expected: { reached: true, found: [] },
  },
  {
    name: 'mutates its request, config and heng object',
    query: { n: '7' },
    bundle: onRequest(`req.query.n = 'changed';
      const errors = [];
      for (const poke of [() => { config.label = 'x' }, () => { heng.log = null }, () => { heng.log.info = null },
        () => { Object.defineProperty(heng, 'storage', { value: {} }) }, () => { delete heng.now }]) {
        try { poke(); errors.push('allowed') } catch (e) { errors.push(e.name) }
      }
      return [req.query.n, config.label, errors];`),
    expected: [
      'changed',
      'kept',
      ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError'],
    ],
  },
  {
    name: 'redefines JSON.parse and JSON.stringify at its top level',
    query: { n: '7' },
    bundle: onRequest(
      'return { n: req.query.n };',
      'JSON.parse = () => ({ forged: true }); JSON.stringify = () => \'{"value":"forged"}\';',
    ),
    expected: { n: '7' },
  },
  {
    name: 'replaces Promise.prototype.then with one that forges a reply',
    bundle: onRequestAsync(
      "return 'real';",
      'Promise.prototype.then = function () { return \'{"value":"forged"}\' };',
    ),
    expected: 'real',
  },
  {
    name: 'replaces Promise.prototype.then with one that returns text that is not JSON',
    bundle: onRequestAsync(
      "return 'real';",
      "Promise.prototype.then = function () { return 'not json' };",
    ),
    expected: 'real',
  },
  {
    name: 'replaces the global Promise the host resolves replies with',
    bundle: onRequestAsync(
      "return 'real';",
      "globalThis.Promise = { resolve() { let i = 0; while (i < 3e7) i++; throw 'LEAKED' } };",
    ),
    expected: 'real',
  },
  {
    name: 'replaces Function.prototype.call and apply',
    bundle: onRequest(
      "return 'real';",
      "Function.prototype.call = () => 'forged'; Function.prototype.apply = () => 'forged';",
    ),
    expected: 'real',
  },
  {
    name: 'replaces Array.prototype.push before the host lists its handlers',
    bundle: onRequest('return [1, 2, 3];', 'Array.prototype.push = () => 0;'),
    expected: [1, 2, 3],
  },
  {
    name: 'leaves out the optional arguments of storage.list, as the SDK allows',
    permissions: [{ capability: 'storage', quotaKiB: 4 }],
    bundle: onRequestAsync(
      "await heng.storage.put('k', 1); return (await heng.storage.list()).map((e) => e.key);",
    ),
    expected: ['k'],
  },
  {
    name: 'returns a function and a symbol, which JSON leaves out',
    bundle: onRequest("return { f() {}, s: Symbol('s'), kept: 1 };"),
    expected: { kept: 1 },
  },
  {
    name: 'catches an allocation that is over its memory limit',
    bundle: onRequest(
      'try { new ArrayBuffer(1e9); return "allocated" } catch (e) { return e.name + ": " + e.message }',
    ),
    expected: 'InternalError: out of memory',
  },
];
