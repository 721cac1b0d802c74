import { describe, expect, test } from 'vitest';
import { PluginSandbox } from './index.ts';

// The interpreter's stack lives inside the host's: at the largest stack a manifest may ask for,
// every way of recursing must end inside the sandbox, never as a host stack overflow.
const RECURSIONS: Record<string, string> = {
  'a plain call': 'function f(n) { return f(n + 1) + 1 } f(0)',
  'Array.prototype.map callbacks': 'function f(n) { return [n].map((x) => f(x + 1)) } f(0)',
  'a getter': 'const o = { get x() { return this.x + 1 } }; o.x',
  'toJSON inside JSON.stringify':
    'const o = { toJSON() { return JSON.stringify(o) } }; JSON.stringify(o)',
  'a Proxy trap': 'const p = new Proxy({}, { get(t, k) { return p[k] } }); p.x',
  'a constructor': 'class A { constructor() { new A() } } new A()',
  'Function.prototype.apply': 'function f() { return f.apply(null, []) } f()',
  'a sort comparator': 'function f() { return [2, 1].sort(() => f()) } f()',
  'a replace callback': 'function f() { return "ab".replace(/a/, () => f()) } f()',
  'toString coercion': 'const o = { toString() { return String(o) } }; String(o)',
  'a bound function': 'let g; function f() { return g() } g = f.bind(null); g()',
  'a generator delegating to itself': 'function* g() { yield* g() } [...g()]',
  'Object.prototype.toJSON growing the value':
    'Object.prototype.toJSON = function () { return { again: {} } }; JSON.stringify({})',
  'nested arrays from toJSON':
    'Object.prototype.toJSON = function () { return [[{}]] }; JSON.stringify({})',
  'JSON.parse of deep nesting': 'JSON.parse("[".repeat(100000) + "]".repeat(100000))',
};

describe('recursion at the largest allowed stack', () => {
  test.each(Object.entries(RECURSIONS))(
    'stops recursion through %s inside the sandbox',
    async (_, code) => {
      const box = await PluginSandbox.create({
        pluginId: 'com.example.deep',
        api: {},
        bridge: () => null,
        limits: { stackBytes: 64 * 1024, callTimeoutMs: 2000 },
      });
      box.load(`export default { onEvent() { ${code} } }`, {});
      const result = await box.call('event', {});
      expect(result).toEqual({
        error: expect.objectContaining({
          code: 'plugin_crashed',
          message: expect.not.stringContaining('broke its sandbox'),
        }),
      });
      box.dispose();
      expect(box.abandoned).toBeUndefined();
    },
  );
});
