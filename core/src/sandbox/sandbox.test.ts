import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSSyncVariant } from 'quickjs-emscripten-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { HostBridge } from '../capabilities/types.ts';
import { type CallResult, ModulePool, PluginSandbox, type SandboxOptions } from './index.ts';

const open: PluginSandbox[] = [];

async function sandbox(bundle: string, options: Partial<SandboxOptions> = {}, config = {}) {
  const box = await PluginSandbox.create({
    pluginId: 'com.example.test',
    api: { storage: true, events: true },
    bridge: () => null,
    ...options,
  });
  open.push(box);
  box.load(bundle, config);
  return box;
}

afterEach(() => {
  // Disposing a runtime that still has a host-held handle aborts (and the runtime is abandoned
  // rather than take the host down): this is the leak check.
  for (const box of open.splice(0)) {
    box.dispose();
    expect(box.abandoned).toBeUndefined();
  }
});

// A module of its own, so memory other tests freed cannot hide this test's growth.
const freshModule = () =>
  new ModulePool({
    load: () => newQuickJSWASMModuleFromVariant(variant as unknown as QuickJSSyncVariant),
  });

const errorCode = (result: CallResult) => ('error' in result ? result.error.code : 'ok');

describe('PluginSandbox', () => {
  test('calls a handler with JSON in and JSON out', async () => {
    const box = await sandbox(
      'export default { onEvent(e) { return { doubled: e.payload.n * 2 } } }',
    );
    expect(await box.call('event', { payload: { n: 21 } })).toEqual({ value: { doubled: 42 } });
  });

  test('passes the config, frozen, to every handler', async () => {
    const box = await sandbox(
      `export default { onSchedule(name, { config }) { try { config.limit = 0 } catch {} return name + ':' + config.limit } }`,
      {},
      { limit: 7 },
    );
    expect(await box.call('schedule', 'hourly')).toEqual({ value: 'hourly:7' });
  });

  test('reports which handlers the plugin defines', async () => {
    const box = await sandbox('export default { onTelemetry() {}, onRequest() { return {} } }');
    expect([...box.handlers].sort()).toEqual(['request', 'telemetry']);
    expect(await box.call('event', {})).toEqual({ value: undefined });
  });

  test('settles async host calls as promises inside the plugin', async () => {
    const calls: unknown[] = [];
    const bridge: HostBridge = (op, args) => {
      calls.push([op, args]);
      return Promise.resolve({ stored: args[0] });
    };
    const box = await sandbox(
      'export default { async onEvent(e, { heng }) { const v = await heng.storage.get(e.key); return v.stored } }',
      { bridge },
    );
    expect(await box.call('event', { key: 'k1' })).toEqual({ value: 'k1' });
    expect(calls).toEqual([['storage.get', ['k1']]]);
  });

  test('hands host refusals to the plugin as catchable HengErrors', async () => {
    const bridge: HostBridge = () => Promise.reject(Object.assign(new Error('no'), {}));
    const box = await sandbox(
      `export default { async onEvent(e, { heng }) {
        try { await heng.storage.put('k', 1) } catch (err) { return [err.name, err.code, err.message] }
      } }`,
      { bridge },
    );
    expect(await box.call('event', {})).toEqual({ value: ['HengError', 'internal', 'no'] });
  });

  test('builds the heng object from the granted shape only', async () => {
    const box = await sandbox(
      'export default { onEvent() { return Object.keys(heng).sort().join(",") + "|" + typeof heng.commands } }',
      { api: { events: true } },
    );
    expect(await box.call('event', {})).toEqual({ value: 'events,log,now|undefined' });
  });

  test('refuses a bundle that does not parse, naming the plugin', async () => {
    const box = await PluginSandbox.create({
      pluginId: 'com.example.bad',
      api: {},
      bridge: () => null,
    });
    open.push(box);
    expect(() => box.load('export default {', {})).toThrow(
      /bundle of com.example.bad does not parse/,
    );
    expect(() => box.compile('let let = 1')).toThrow(/does not parse/);
  });

  test('refuses a bundle without a default export object', async () => {
    const box = await PluginSandbox.create({
      pluginId: 'com.example.bad',
      api: {},
      bridge: () => null,
    });
    open.push(box);
    expect(() => box.load('export const x = 1', {})).toThrow(/must export default definePlugin/);
  });

  test('interrupts a handler that runs past its deadline', async () => {
    const box = await sandbox('export default { onEvent() { for (;;) {} } }', {
      limits: { callTimeoutMs: 20 },
    });
    const result = await box.call('event', {});
    expect(errorCode(result)).toBe('deadline_exceeded');
    expect(box.alive).toBe(false);
    expect(errorCode(await box.call('event', {}))).toBe('deadline_exceeded');
  });

  test('counts the CPU time a handler used, not the time a busy machine kept it waiting', async () => {
    // The thread gets a quarter of a core: 40 ms of wall time are 10 ms of CPU, within 20 ms.
    const start = performance.now();
    const box = await sandbox(
      'export default { onEvent() { const end = Date.now() + 40; while (Date.now() < end) {} return "done" } }',
      { limits: { callTimeoutMs: 20 }, cpuClock: () => (performance.now() - start) / 4 },
    );
    expect(await box.call('event', {})).toEqual({ value: 'done' });
    expect(box.alive).toBe(true);
  });

  test('a CPU clock that does not move cannot disarm the deadline: wall time caps it', async () => {
    const box = await sandbox('export default { onEvent() { for (;;) {} } }', {
      limits: { callTimeoutMs: 20 },
      cpuClock: () => 0,
    });
    expect(errorCode(await box.call('event', {}))).toBe('deadline_exceeded');
  });

  test('stops a plugin that exceeds its memory limit', async () => {
    const box = await sandbox(
      'export default { onEvent() { return new Array(1e8).fill(0).length } }',
      { limits: { callTimeoutMs: 1000 } },
    );
    expect(errorCode(await box.call('event', {}))).toBe('memory_exceeded');
  });

  test('stops a plugin whose typed arrays outgrow its memory limit within one call', async () => {
    const box = await sandbox(
      'export default { onEvent() { const kept = []; for (let i = 0; i < 64; i++) kept.push(new ArrayBuffer(1 << 20)); return kept.length } }',
      {
        limits: { memoryBytes: 4 * 1024 * 1024, callTimeoutMs: 2000 },
        modules: freshModule(),
      },
    );
    expect(errorCode(await box.call('event', {}))).toBe('memory_exceeded');
  });

  test('stops a plugin that keeps a little more memory on every call', async () => {
    const box = await sandbox(
      'const kept = []; export default { onEvent() { kept.push(new Uint8Array(1 << 20).fill(kept.length)); return kept.length } }',
      { limits: { memoryBytes: 4 * 1024 * 1024 }, modules: freshModule() },
    );
    // Memory the module already has free can hide it until the module must grow (a fresh module
    // starts with 16 MiB) or the next exact measurement: at most limit + free space, never more.
    const codes: string[] = [];
    for (let i = 0; i < 40 && box.alive; i++) codes.push(errorCode(await box.call('event', {})));
    expect(codes.at(-1)).toBe('memory_exceeded');
    expect(codes.length).toBeLessThanOrEqual(4 + 16 + 2);
  });

  test('refuses a result larger than the limit', async () => {
    const box = await sandbox('export default { onEvent() { return "x".repeat(5000) } }', {
      limits: { maxResultBytes: 1000 },
    });
    expect(errorCode(await box.call('event', {}))).toBe('result_too_large');
  });

  test('times out a handler whose promise never settles', async () => {
    const box = await sandbox('export default { onEvent() { return new Promise(() => {}) } }', {
      limits: { asyncTimeoutMs: 100 },
    });
    expect(errorCode(await box.call('event', {}))).toBe('deadline_exceeded');
  });

  test('refuses a re-entrant call made from inside a host call', async () => {
    let box: PluginSandbox | undefined;
    let inner: Promise<CallResult> | undefined;
    box = await sandbox(
      'export default { onEvent(e, { heng }) { heng.log.info("x"); return 1 } }',
      {
        bridge: () => {
          inner = box!.call('event', {});
          return null;
        },
      },
    );
    expect(await box.call('event', {})).toEqual({ value: 1 });
    expect(errorCode(await inner!)).toBe('reentrant_call');
  });

  test('reports memory in use', async () => {
    const box = await sandbox('export default {}');
    expect(box.memoryUsed()).toBeGreaterThan(0);
  });

  test('drops a host reply that arrives after disposal', async () => {
    let release: (v: unknown) => void = () => {};
    const box = await sandbox(
      'export default { async onEvent(e, { heng }) { return await heng.storage.get("k") } }',
      { bridge: () => new Promise((r) => (release = r)) },
    );
    const pending = box.call('event', {});
    open.splice(open.indexOf(box), 1);
    box.dispose();
    release(1);
    expect(errorCode(await pending)).toBe('plugin_unavailable');
  });
});
