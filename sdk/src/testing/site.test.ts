import { afterEach, describe, expect, test } from 'vitest';
import { createTestSite, type TestSite } from './index.ts';

const manifest = {
  id: 'com.example.counter',
  name: 'Counter',
  version: '1.0.0',
  vendor: { name: 'Example' },
  engines: { heng: '^0.1.0' },
  runsOn: ['edge'],
  entry: 'dist/plugin.js',
  permissions: [
    { capability: 'telemetry:read', points: ['+/+/power'] },
    { capability: 'command:write', points: ['+/+/dimming'], rate: { count: 2, perSeconds: 60 } },
    { capability: 'events:publish', topics: ['lighting/#'] },
    { capability: 'events:subscribe', topics: ['incident/#'] },
    { capability: 'storage', quotaKiB: 64 },
    { capability: 'schedule', schedules: [{ name: 'tick', everySeconds: 60 }] },
    { capability: 'http:route', routes: [{ method: 'GET', path: '/count' }] },
  ],
  config: {
    type: 'object',
    properties: { limit: { type: 'number', default: 100 } },
    additionalProperties: false,
  },
};

// Written by hand as `heng-plugin build` would emit it, isHostError inlined as the SDK's.
const bundle = `
const isHostError = (e, code) => e instanceof Error && e.name === 'HengError' && (code === undefined || e.code === code);
export default {
  async onTelemetry(r, { heng, config }) {
    if (r.value > config.limit) {
      await heng.events.publish('lighting/over', { device: r.device, value: r.value }, { level: 2 });
      try {
        await heng.commands.send({ point: r.site + '/' + r.device + '/dimming', value: 50, reason: 'over the limit' });
      } catch (err) {
        if (!isHostError(err, 'rate_limited')) throw err;
        heng.log.warn('command rate reached');
      }
    }
  },
  async onEvent(e, { heng }) { await heng.storage.put('incident', e.topic); },
  async onSchedule(name, { heng }) {
    await heng.storage.put('ticks', ((await heng.storage.get('ticks')) ?? 0) + 1);
  },
  async onRequest(req, { heng }) {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticks: (await heng.storage.get('ticks')) ?? 0, at: heng.now() }) };
  },
};`;

let site: TestSite | undefined;
afterEach(async () => {
  await site?.dispose();
  site = undefined;
});

describe('createTestSite', () => {
  test('feeds telemetry and captures the events and commands it causes', async () => {
    site = await createTestSite({ manifest, bundle });
    await site.feed({ device: 'lamp-1', point: 'power', value: 40 });
    await site.feed({ device: 'lamp-1', point: 'power', value: 140 });
    expect(site.events.map((e) => [e.topic, e.level, e.payload])).toEqual([
      ['lighting/over', 2, { device: 'lamp-1', value: 140 }],
    ]);
    expect(site.commands).toEqual([
      expect.objectContaining({
        site: 'test-site',
        device: 'lamp-1',
        point: 'dimming',
        value: 50,
        reason: 'over the limit',
        requestedBy: { kind: 'plugin', id: 'com.example.counter' },
      }),
    ]);
  });

  test('applies the config schema defaults and enforces the granted command rate', async () => {
    site = await createTestSite({ manifest, bundle, config: { limit: 10 } });
    for (const value of [20, 30, 40]) await site.feed({ device: 'lamp-1', point: 'power', value });
    expect(site.commands).toHaveLength(2);
    expect(site.logs).toEqual([
      expect.objectContaining({ level: 'warn', message: 'command rate reached' }),
    ]);
    expect(site.audit.filter((a) => a.outcome === 'denied').map((a) => a.action)).toEqual([
      'commands.send',
    ]);
    expect(site.status().state).toBe('active');
  });

  test('refuses a config its schema refuses, naming the field', async () => {
    await expect(
      createTestSite({ manifest, bundle, config: { limit: 'high' } }),
    ).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('/limit'),
    });
  });

  test('delivers published events, runs schedules on the moved clock, and serves routes', async () => {
    site = await createTestSite({ manifest, bundle, start: new Date('2026-05-01T00:00:00Z') });
    await site.publish('incident/flood/opened', { area: 'east' });
    expect(await site.storage.get('incident')).toBe('incident/flood/opened');
    await site.advance(3 * 60_000);
    const response = await site.request('GET', '/count');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ ticks: 3, at: Date.parse('2026-05-01T00:03:00Z') });
  });

  test('shows a faulting plugin as quarantined', async () => {
    site = await createTestSite({
      manifest,
      bundle: 'export default { onTelemetry() { throw new Error("boom") } }',
    });
    await site.feed({ device: 'lamp-1', point: 'power', value: 1 });
    await Promise.resolve();
    expect(site.status()).toMatchObject({
      state: 'quarantined',
      lastError: { code: 'plugin_crashed' },
    });
  });
});

describe('createTestSite with a plugin whose runtime QuickJS cannot free', () => {
  // A promise chain of 16,000 links or more: freeing the runtime aborts QuickJS's module
  // (quickjs-emscripten issues 235 and 269). The harness must report it, not die of it.
  const chain = `export default { onRequest() {
    let n = 0;
    const f = () => (++n < 20000 ? Promise.resolve().then(f) : Promise.reject(new Error('chain of ' + n)));
    return f();
  } };`;

  test('faults it at every request, restarts it, and counts every runtime it had to abandon', async () => {
    site = await createTestSite({
      manifest: {
        ...manifest,
        id: 'com.example.chain',
        permissions: [{ capability: 'http:route', routes: [{ method: 'GET', path: '/x' }] }],
        limits: { callTimeoutMs: 1000 },
        config: undefined,
      },
      bundle: chain,
    });
    for (let cycle = 1; cycle <= 3; cycle++) {
      const res = await site.request('GET', '/x');
      expect(res.status).toBe(502);
      const status = site.status();
      expect(status).toMatchObject({
        state: 'quarantined',
        faults: cycle,
        abandonedRuntimes: cycle,
        lastError: { message: expect.stringMatching(/chain of 20000/) },
      });
      await site.advance(status.restartAt! - site.clock.now());
      expect(site.status().state).toBe('active');
    }
  });
});
