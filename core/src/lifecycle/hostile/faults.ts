/**
 * @module Hostile plugins that must be stopped: each faults while activating or in a handler,
 * and the table says with which code and what the fault's message must (not) say.
 */
import { onRequest, onRequestAsync, SLOW_GETTER } from './plugins.ts';

/** One plugin that must fault, and exactly how. */
export interface FaultCase {
  name: string;
  /** Where it faults: while activating (top level or `activate`), or in `onRequest`. */
  when: 'activate' | 'request';
  bundle: string;
  limits?: {
    memoryMiB?: number;
    callTimeoutMs?: number;
    stackKiB?: number;
    asyncTimeoutMs?: number;
  };
  permissions?: unknown[];
  code: string;
  /** An outcome as good as `code`, where two guards race to stop the plugin. */
  orCode?: string;
  message?: RegExp;
  /** Text that must not appear in the fault: proof the host did not run plugin code unbounded. */
  without?: string;
}

export const FAULTS: FaultCase[] = [
  {
    name: 'loops forever at the top level of its bundle',
    when: 'activate',
    bundle: 'for (;;) {}\nexport default {};',
    code: 'deadline_exceeded',
  },
  {
    name: 'loops forever in activate',
    when: 'activate',
    bundle: 'export default { activate() { for (;;) {} } };',
    code: 'deadline_exceeded',
  },
  {
    name: 'throws at the top level of its bundle',
    when: 'activate',
    bundle: "throw new TypeError('boom at load');\nexport default {};",
    code: 'plugin_crashed',
    message: /TypeError: boom at load/,
  },
  {
    name: 'throws from its top level an object whose name getter spins',
    when: 'activate',
    bundle: `throw { ${SLOW_GETTER}, message: 'm' };\nexport default {};`,
    code: 'plugin_crashed',
    without: 'LEAKED',
  },
  {
    name: 'breaks Array.prototype.toJSON so its handler list cannot be read',
    when: 'activate',
    bundle:
      'Array.prototype.toJSON = () => undefined;\nexport default { onRequest() { return 1 } };',
    code: 'plugin_crashed',
  },
  {
    name: 'loops forever in a handler',
    when: 'request',
    bundle: onRequest('for (;;) {}'),
    code: 'deadline_exceeded',
    message: /ran past its CPU deadline/,
  },
  {
    name: 'recurses without end',
    when: 'request',
    bundle: onRequest('const f = (n) => f(n + 1) + 1; return f(0);'),
    code: 'plugin_crashed',
    message: /overflowed its stack/,
  },
  {
    name: 'recurses without end with the largest stack a manifest may ask for',
    when: 'request',
    limits: { stackKiB: 64 },
    bundle: onRequest('const f = (n) => f(n + 1) + 1; return f(0);'),
    code: 'plugin_crashed',
  },
  {
    name: 'makes JSON.stringify recurse through Object.prototype.toJSON',
    when: 'request',
    bundle: onRequest(
      'Object.prototype.toJSON = function () { return { again: {} } }; return { a: 1 };',
    ),
    code: 'plugin_crashed',
  },
  {
    // QuickJS's own limit does not add up large allocations: the sandbox's guard must.
    name: 'keeps 64 ArrayBuffers of 1 MiB in a 4 MiB heap',
    when: 'request',
    limits: { memoryMiB: 4, callTimeoutMs: 1000 },
    bundle: onRequest(
      'const kept = []; try { for (let i = 0; i < 64; i++) kept.push(new ArrayBuffer(1 << 20)) } catch {} return kept.length;',
    ),
    code: 'memory_exceeded',
  },
  {
    name: 'allocates a 1 GB ArrayBuffer',
    when: 'request',
    bundle: onRequest('return new ArrayBuffer(1e9).byteLength;'),
    code: 'memory_exceeded',
  },
  {
    name: 'fills an Array of 1e8 numbers',
    when: 'request',
    limits: { memoryMiB: 4 },
    bundle: onRequest('return new Array(1e8).fill(0).length;'),
    code: 'memory_exceeded',
  },
  {
    // Near the limit every allocation collects garbage, so the CPU deadline usually fires first;
    // on a busy machine the memory guard sometimes does (seen under Deno, before and after 2026-12).
    name: 'grows an array of strings without end',
    when: 'request',
    limits: { memoryMiB: 4 },
    bundle: onRequest('const a = []; for (let i = 0; ; i++) a.push(String(i).repeat(1000));'),
    code: 'deadline_exceeded',
    orCode: 'memory_exceeded',
  },
  {
    // Ropes make concatenation cheap: the string length cap is reached before the heap's.
    name: 'doubles a string without end',
    when: 'request',
    bundle: onRequest("let s = 'x'; for (;;) s += s;"),
    code: 'plugin_crashed',
    message: /string too long/,
  },
  {
    name: 'returns more than 1 MiB from onRequest',
    when: 'request',
    bundle: onRequest("return { status: 200, body: 'x'.repeat(1100000) };"),
    code: 'result_too_large',
    message: /over the limit of 1048576/,
  },
  {
    name: 'throws 42',
    when: 'request',
    bundle: onRequest('throw 42;'),
    code: 'plugin_crashed',
    message: /threw a non-Error value \(number\): 42/,
  },
  {
    name: 'throws null',
    when: 'request',
    bundle: onRequest('throw null;'),
    code: 'plugin_crashed',
    message: /threw a non-Error value \(null\)/,
  },
  {
    name: 'throws an object whose message getter loops forever',
    when: 'request',
    bundle: onRequest('throw { get message() { for (;;) {} } };'),
    code: 'plugin_crashed',
    message: /threw a non-Error value \(object\)/,
  },
  {
    name: 'throws an Error whose message getter loops forever',
    when: 'request',
    bundle: onRequest(
      "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e;",
    ),
    code: 'deadline_exceeded',
  },
  {
    name: 'throws a Proxy that throws on every trap',
    when: 'request',
    bundle: onRequest(
      'const p = new Proxy({}, new Proxy({}, { get: () => () => { throw p } })); throw p;',
    ),
    code: 'plugin_crashed',
  },
  {
    name: 'throws a Proxy whose trap throws an object with a spinning getter',
    when: 'request',
    bundle: onRequest(
      `const evil = { ${SLOW_GETTER} }; throw new Proxy({}, { getPrototypeOf() { throw evil } });`,
    ),
    code: 'plugin_crashed',
    without: 'LEAKED',
  },
  {
    name: 'starts an endless promise chain',
    when: 'request',
    bundle: onRequest('const f = () => Promise.resolve().then(f); f(); return 1;'),
    code: 'deadline_exceeded',
  },
  {
    name: 'returns a promise that never settles',
    when: 'request',
    limits: { asyncTimeoutMs: 100 },
    bundle: onRequest('return new Promise(() => {});'),
    code: 'deadline_exceeded',
    message: /did not settle within 100 ms/,
  },
  {
    name: 'returns a BigInt',
    when: 'request',
    bundle: onRequest('return 10n;'),
    code: 'plugin_crashed',
    message: /BigInt/,
  },
  {
    name: 'returns a cyclic object',
    when: 'request',
    bundle: onRequest('const a = {}; a.self = a; return a;'),
    code: 'plugin_crashed',
    message: /circular/,
  },
  {
    name: 'leaves a host refusal unhandled',
    when: 'request',
    permissions: [{ capability: 'storage', quotaKiB: 4 }],
    bundle: onRequestAsync("await heng.storage.get('\\u0000');"),
    code: 'plugin_crashed',
    message: /did not handle a host error: invalid_input/,
  },
];
