import { describe, expect, test } from 'vitest';
import type { PluginSandbox } from '../../sandbox/index.ts';
import { COSTLY_CALLS } from './costly-calls.ts';
import { HOSTILE, hostileSuite } from './suite.ts';

const suite = hostileSuite();
const ASYNC_CALLS = COSTLY_CALLS.filter((c) => c.async);

/** The hostile plugin's sandbox while it runs, to read what its host calls moved. */
function hostileSandbox(): PluginSandbox {
  return suite.world.host.running(HOSTILE)!.sandbox;
}

/** Nothing of the call reached the host's ports or the audit trail as allowed. */
function noPortReached(): void {
  const { world } = suite;
  expect(world.logs).toEqual([]);
  expect(world.commands).toEqual([]);
  const actor = `plugin:${HOSTILE}`;
  expect(world.audit.filter((e) => e.actor === actor && e.outcome !== 'denied')).toEqual([]);
}

async function goodAnswers(): Promise<void> {
  const res = await suite.world.app.request('/plugins/com.example.good/sum?a=2&b=3');
  expect(res.status).toBe(200);
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a host call with an oversized argument', () => {
  test.each(COSTLY_CALLS)(
    '$call with 1 MiB: refused before it is copied out, naming the call, the size and the limit',
    async ({ op, source, permissions }) => {
      const bundle = `export default { async onRequest() {
        const big = 'y'.repeat(1 << 20);
        try { await ${source('big')}; return 'accepted' } catch (e) { return { code: e.code, message: e.message } }
      } };`;
      await suite.world.start(
        suite.hostile(bundle, { permissions, limits: { callTimeoutMs: 500 } }),
      );
      const box = hostileSandbox();
      expect(await suite.reply()).toEqual({
        value: {
          code: 'payload_too_large',
          message: expect.stringMatching(
            new RegExp(
              `^${escaped(op)}: its arguments are 10\\d{5} characters of JSON, over the limit of \\d+ for this call$`,
            ),
          ),
        },
      });
      expect(box.traffic).toMatchObject({ calls: 1, refused: 1, charsOut: 0 });
      noPortReached();
      if (op !== 'log') {
        const actor = `plugin:${HOSTILE}`;
        expect(suite.world.audit.filter((e) => e.actor === actor)).toMatchObject([
          { action: op, outcome: 'denied', reason: expect.stringMatching(/over the limit/) },
        ]);
      }
    },
  );

  test.each(COSTLY_CALLS)(
    '$call with 1 MiB in an endless loop that ignores refusals: stopped at its deadline, nothing copied',
    async ({ source, permissions }) => {
      const bundle = `export default { onRequest() {
        const big = 'y'.repeat(1 << 20);
        for (;;) { try { const p = ${source('big')}; if (p) p.catch(() => {}) } catch {} }
      } };`;
      await suite.world.start(suite.hostile(bundle, { permissions }));
      const box = hostileSandbox();
      expect(await suite.reply()).toMatchObject({ error: { code: 'deadline_exceeded' } });
      // Each call costs the plugin its own JSON.stringify of 1 MiB: a few fit in its 30 ms.
      expect(box.traffic.calls).toBeGreaterThan(0);
      expect(box.traffic.calls).toBeLessThanOrEqual(50);
      expect(box.traffic.charsOut).toBe(0);
      noPortReached();
    },
  );
});

describe('a plugin awaiting host calls in an endless loop', () => {
  test.each(ASYNC_CALLS)(
    '$call: a host timer of 10 ms fires before its call ends, the neighbour answers meanwhile',
    async ({ source, permissions }) => {
      const bundle = `export default { async onRequest() {
        const arg = 'y'.repeat(1000);
        for (;;) { try { await ${source('arg')} } catch {} }
      } };`;
      await suite.world.start(
        suite.hostile(bundle, { permissions, limits: { asyncTimeoutMs: 300 } }),
      );
      let ended = false;
      const call = suite.reply().finally(() => {
        ended = true;
      });
      await new Promise((fired) => setTimeout(fired, 10));
      expect(ended).toBe(false);
      await goodAnswers();
      expect(await call).toMatchObject({
        error: { code: 'deadline_exceeded', message: expect.stringMatching(/did not settle/) },
      });
    },
  );
});

describe("the review's examples", () => {
  test('logs 6 MiB lines without end: faulted at its first call, nothing copied or logged', async () => {
    const bundle = `export default { onRequest(req, { heng }) { for (;;) heng.log.info('y'.repeat(6 * 1024 * 1024)); } };`;
    // No permission needed; the default deadline of 50 ms.
    await suite.world.start(suite.hostile(bundle, { limits: { callTimeoutMs: 50 } }));
    const box = hostileSandbox();
    const result = await suite.reply();
    // Building the line may already take the deadline; otherwise the refusal goes unhandled.
    expect('error' in result && result.error.message).toMatch(
      /(CPU deadline in host call log|did not handle a host error: payload_too_large: log: its arguments are 6291\d{3} characters)/,
    );
    expect(box.traffic).toMatchObject({ calls: 1, charsOut: 0 });
    expect(suite.world.logs).toEqual([]);
  });

  test('puts 1 MiB values without end, ignoring refusals: stopped at its deadline, nothing copied', async () => {
    const bundle = `export default { onRequest(req, { heng }) {
      for (let i = 0; ; i++) heng.storage.put('k' + i, 'x'.repeat(1 << 20)).catch(() => {});
    } };`;
    await suite.world.start(
      suite.hostile(bundle, {
        permissions: [{ capability: 'storage', quotaKiB: 4096 }],
        limits: { callTimeoutMs: 50 },
      }),
    );
    const box = hostileSandbox();
    expect(await suite.reply()).toMatchObject({ error: { code: 'deadline_exceeded' } });
    expect(box.traffic.calls).toBeLessThanOrEqual(50);
    expect(box.traffic.charsOut).toBe(0);
    expect([...suite.world.backing.keys()].filter((k) => k.includes(HOSTILE))).toEqual([]);
  });
});

describe('a plugin copying many arguments within the limit of each call', () => {
  test('is stopped once one entry has copied its memory limit out of its sandbox', async () => {
    const bundle = `export default { onRequest(req, { heng }) {
      const line = 'x'.repeat(60000);
      for (;;) heng.log.info(line);
    } };`;
    await suite.world.start(
      suite.hostile(bundle, { limits: { memoryMiB: 1, callTimeoutMs: 1000 } }),
    );
    const box = hostileSandbox();
    expect(await suite.reply()).toMatchObject({
      error: {
        code: 'memory_exceeded',
        message: expect.stringMatching(/host-call arguments .* over its limit of 1048576/),
      },
    });
    // Accounted before copying: never more than the budget, and all but the last call's worth.
    expect(box.traffic.charsOut).toBeLessThanOrEqual(1024 * 1024);
    // Each call's arguments are \`["info","x…x"]\`: 60,011 characters.
    expect(box.traffic.charsOut).toBe(Math.floor((1024 * 1024) / 60_011) * 60_011);
    expect(box.traffic.calls).toBe(Math.floor((1024 * 1024) / 60_011) + 1);
  });
});
