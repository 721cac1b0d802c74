import { afterEach, describe, expect, test } from 'vitest';
import type { HostBridge } from '../capabilities/types.ts';
import { PluginSandbox } from './index.ts';

const open: PluginSandbox[] = [];

afterEach(() => {
  for (const box of open.splice(0)) {
    box.dispose();
    expect(box.abandoned).toBeUndefined();
  }
});

/** CPU time as the sandbox sees it: moved by the host calls below, so the count is exact. */
let cpu = 0;

async function sandbox(bundle: string, bridge: HostBridge) {
  const box = await PluginSandbox.create({
    pluginId: 'com.example.calls',
    api: { storage: true },
    bridge,
    limits: { callTimeoutMs: 50 },
    cpuClock: () => cpu,
  });
  open.push(box);
  box.load(bundle, {});
  return box;
}

/** A host call that computes for `ms` before it answers (as one parsing megabytes would). */
function slowBridge(ms: number, calls: string[]): HostBridge {
  return (op) => {
    calls.push(op);
    cpu += ms;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy for as long in wall time, which the deadline reads first
    }
    return null;
  };
}

describe('host calls inside an entry', () => {
  test('count the time spent inside them against the deadline', async () => {
    const calls: string[] = [];
    const box = await sandbox(
      'export default { onEvent(e, { heng }) { for (;;) heng.log.info("x") } }',
      slowBridge(10, calls),
    );
    expect(await box.call('event', {})).toMatchObject({
      error: { code: 'deadline_exceeded', message: expect.stringMatching(/in host call log/) },
    });
    // 50 ms of deadline at 10 ms a call: the check after the fifth call ends the entry.
    expect(calls).toHaveLength(5);
  });

  test('end the entry once the deadline has passed, however the plugin catches and retries', async () => {
    const calls: string[] = [];
    const box = await sandbox(
      `export default { onEvent(e, { heng }) {
        for (;;) { try { try { heng.log.info('x') } finally { heng.log.info('again') } } catch {} }
      } }`,
      slowBridge(10, calls),
    );
    expect(await box.call('event', {})).toMatchObject({ error: { code: 'deadline_exceeded' } });
    expect(calls).toHaveLength(5);
  });

  test('refuse arguments over the limit of the call without copying or calling the bridge', async () => {
    const calls: string[] = [];
    const bridge: HostBridge = Object.assign(slowBridge(0, calls), { maxArgsChars: () => 100 });
    const box = await sandbox(
      `export default { async onEvent(e, { heng }) {
        try { await heng.storage.put('k', 'x'.repeat(100)) } catch (err) { return [err.code, err.message] }
      } }`,
      bridge,
    );
    expect(await box.call('event', {})).toEqual({
      value: [
        'payload_too_large',
        'storage.put: its arguments are 108 characters of JSON, over the limit of 100 for this call',
      ],
    });
    expect(calls).toEqual([]);
    expect(box.traffic).toEqual({ calls: 1, refused: 1, charsOut: 0, charsIn: expect.any(Number) });
  });
});
