import type { HengEvent } from '@heng/schemas';
import { afterEach, describe, expect, test } from 'vitest';
import { EventBus } from '../bus/index.ts';
import type { AuditEntry } from '../capabilities/types.ts';
import { ManualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { PluginHost, type PluginStatus } from './index.ts';

const START = Date.parse('2026-11-28T08:00:00Z');

function manifest(overrides: Record<string, unknown> = {}) {
  return {
    id: 'city.heng.test',
    name: 'Test',
    version: '1.0.0',
    vendor: { name: 'Heng' },
    engines: { heng: '^0.1.0' },
    runsOn: ['edge'],
    entry: 'dist/plugin.js',
    permissions: [
      { capability: 'telemetry:read', points: ['site-1/+/power'] },
      { capability: 'events:subscribe', topics: ['incident/#'] },
      { capability: 'events:publish', topics: ['lighting/#'] },
      { capability: 'schedule', schedules: [{ name: 'tick', everySeconds: 60 }] },
      { capability: 'storage', quotaKiB: 64 },
    ],
    ...overrides,
  };
}

function setup() {
  const clock = new ManualClock(START);
  const bus = new EventBus();
  const audit: AuditEntry[] = [];
  const changes: PluginStatus[] = [];
  const stores = new Map<string, string>();
  const host = new PluginHost({
    engineVersion: '0.1.0',
    role: 'edge',
    time: clock,
    audit: { record: (entry) => audit.push(entry) },
    storageFor: (id) => createMemoryStore(id, stores),
    restart: { initialDelayMs: 1000, maxDelayMs: 8000, maxFaults: 3, windowMs: 60_000 },
    ports: {
      events: bus,
      telemetry: { latest: async () => undefined },
      commands: { send: async () => ({ id: 'c1', status: 'queued' }) },
      fetch: async () => new Response('', { status: 503 }),
      log: () => {},
    },
  });
  host.onStateChange((status) => changes.push(status));
  hosts.push(host);
  const storage = (id = 'city.heng.test') => createMemoryStore(id, stores);
  return { host, clock, bus, audit, changes, storage };
}

const hosts: PluginHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose();
});

const reading = (device: string, value: number) => ({
  site: 'site-1',
  device,
  point: 'power',
  value,
  quality: 'good' as const,
  ts: new Date(START).toISOString(),
});

const COUNTER = `export default {
  async onTelemetry(r, { heng }) {
    const seen = (await heng.storage.get('seen')) ?? [];
    seen.push(r.device + ':' + r.value);
    await heng.storage.put('seen', seen);
  },
  async onEvent(e, { heng }) { await heng.storage.put('event', e.topic); },
  async onSchedule(name, { heng }) {
    await heng.storage.put('ticks', ((await heng.storage.get('ticks')) ?? 0) + 1);
  },
  async deactivate({ heng }) { await heng.storage.put('bye', true); },
}`;

describe('PluginHost install checks', () => {
  test('installs and activates a valid plugin', async () => {
    const { host } = setup();
    expect((await host.install({ manifest: manifest(), bundle: COUNTER })).state).toBe('installed');
    expect((await host.activate('city.heng.test')).state).toBe('active');
  });

  test('refuses an invalid manifest, naming the path, and installs nothing', async () => {
    const { host } = setup();
    await expect(
      host.install({ manifest: manifest({ id: 'Not An Id' }), bundle: COUNTER }),
    ).rejects.toMatchObject({
      code: 'invalid_manifest',
      message: expect.stringContaining('/id'),
    });
    expect(host.list()).toEqual([]);
  });

  test('refuses an engine range this core does not satisfy', async () => {
    const { host } = setup();
    await expect(
      host.install({ manifest: manifest({ engines: { heng: '^2.0.0' } }), bundle: COUNTER }),
    ).rejects.toMatchObject({
      code: 'engine_unsatisfied',
      message: expect.stringContaining('^2.0.0'),
    });
    expect(host.list()).toEqual([]);
  });

  test('refuses a plugin that does not run on this kind of host', async () => {
    const { host } = setup();
    await expect(
      host.install({ manifest: manifest({ runsOn: ['hub'] }), bundle: COUNTER }),
    ).rejects.toMatchObject({
      code: 'invalid_manifest',
      message: expect.stringContaining('/runsOn'),
    });
  });

  test('refuses a duplicate id and keeps the first', async () => {
    const { host } = setup();
    await host.install({ manifest: manifest(), bundle: COUNTER });
    await expect(
      host.install({ manifest: manifest({ version: '2.0.0' }), bundle: COUNTER }),
    ).rejects.toMatchObject({
      code: 'duplicate_plugin',
    });
    expect(host.status('city.heng.test').version).toBe('1.0.0');
  });

  test('refuses a bundle that does not parse', async () => {
    const { host } = setup();
    await expect(
      host.install({ manifest: manifest(), bundle: 'export default {' }),
    ).rejects.toMatchObject({
      code: 'bundle_invalid',
    });
    expect(host.list()).toEqual([]);
  });

  test('refuses a config that does not match the plugin schema, naming the field', async () => {
    const { host } = setup();
    const config = {
      type: 'object',
      properties: { threshold: { type: 'number', minimum: 0 } },
      required: ['threshold'],
      additionalProperties: false,
    };
    await expect(
      host.install({ manifest: manifest({ config }), bundle: COUNTER, config: { threshold: -1 } }),
    ).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('/threshold'),
    });
    expect(host.list()).toEqual([]);
    await host.install({
      manifest: manifest({ config }),
      bundle: COUNTER,
      config: { threshold: 5 },
    });
    expect(host.list()).toHaveLength(1);
  });
});

describe('PluginHost routing', () => {
  test('delivers telemetry only for points the grant covers', async () => {
    const { host, storage } = setup();
    await host.install({ manifest: manifest(), bundle: COUNTER });
    await host.activate('city.heng.test');
    await host.deliverTelemetry(reading('lamp-1', 120));
    await host.deliverTelemetry({ ...reading('lamp-2', 90), site: 'site-2' });
    await host.deliverTelemetry({ ...reading('lamp-3', 80), point: 'dimming' });
    await host.deliverTelemetry(reading('lamp-4', 60));
    expect(await storage().get('seen')).toEqual(['lamp-1:120', 'lamp-4:60']);
  });

  test('delivers subscribed events and runs schedules on the clock', async () => {
    const { host, clock, bus, changes, storage } = setup();
    await host.install({ manifest: manifest(), bundle: COUNTER });
    await host.activate('city.heng.test');
    bus.publish({
      id: 'e1',
      topic: 'incident/flood/opened',
      source: 'hub',
      ts: new Date(START).toISOString(),
      payload: {},
      dataClass: 'internal',
    } as HengEvent);
    bus.publish({
      id: 'e2',
      topic: 'lighting/other',
      source: 'hub',
      ts: new Date(START).toISOString(),
      payload: {},
      dataClass: 'internal',
    } as HengEvent);
    await bus.idle();
    expect(await storage().get('event')).toBe('incident/flood/opened');
    await clock.advance(180_000);
    expect(await storage().get('ticks')).toBe(3);
    expect(changes.map((c) => c.state)).toEqual(['installed', 'active']);
  });
});

describe('PluginHost quarantine', () => {
  const CRASHY = 'export default { onTelemetry() { throw new Error("boom") } }';

  test('quarantines a plugin that throws, restarts it with backoff, then marks it failed', async () => {
    const { host, clock } = setup();
    await host.install({ manifest: manifest(), bundle: CRASHY });
    await host.activate('city.heng.test');

    await host.deliverTelemetry(reading('lamp-1', 1));
    await Promise.resolve();
    const status = host.status('city.heng.test');
    expect(status).toMatchObject({ state: 'quarantined', faults: 1, restartAt: START + 1000 });
    expect(status.lastError).toMatchObject({
      code: 'plugin_crashed',
      message: expect.stringContaining('boom'),
    });

    await clock.advance(1000);
    expect(host.status('city.heng.test').state).toBe('active');

    await host.deliverTelemetry(reading('lamp-1', 1));
    await Promise.resolve();
    expect(host.status('city.heng.test')).toMatchObject({
      state: 'quarantined',
      faults: 2,
      restartAt: START + 1000 + 2000,
    });

    await clock.advance(2000);
    await host.deliverTelemetry(reading('lamp-1', 1));
    await Promise.resolve();
    expect(host.status('city.heng.test')).toMatchObject({ state: 'failed', faults: 3 });
    await clock.advance(60_000);
    expect(host.status('city.heng.test').state).toBe('failed');
  });

  test('quarantines a plugin whose activate runs away, and the host goes on', async () => {
    const { host } = setup();
    await host.install({
      manifest: manifest(),
      bundle: 'export default { activate() { for (;;) {} } }',
    });
    const status = await host.activate('city.heng.test');
    expect(status.state).toBe('quarantined');
    expect(status.lastError?.code).toBe('deadline_exceeded');
    await host.install({ manifest: manifest({ id: 'city.heng.other' }), bundle: COUNTER });
    expect((await host.activate('city.heng.other')).state).toBe('active');
  });

  test('deactivate calls the plugin and stops it; activate brings it back', async () => {
    const { host, storage } = setup();
    await host.install({ manifest: manifest(), bundle: COUNTER });
    await host.activate('city.heng.test');
    expect((await host.deactivate('city.heng.test')).state).toBe('stopped');
    expect(await storage().get('bye')).toBe(true);
    expect(host.running('city.heng.test')).toBeUndefined();
    expect((await host.activate('city.heng.test')).state).toBe('active');
  });

  test('a stop while a restart is starting leaves the plugin stopped, with no restart pending', async () => {
    const { host, clock } = setup();
    await host.install({
      manifest: manifest(),
      bundle: 'export default { activate() { throw new Error("always") } }',
    });
    expect((await host.activate('city.heng.test')).state).toBe('quarantined');
    const restarting = clock.advance(1000);
    expect((await host.deactivate('city.heng.test')).state).toBe('stopped');
    await restarting;
    expect(host.status('city.heng.test')).toMatchObject({ state: 'stopped', faults: 1 });
    expect(clock.pending).toBe(0);
  });

  test('a stop while it is starting keeps the plugin stopped and its sandbox freed', async () => {
    const { host } = setup();
    await host.install({ manifest: manifest(), bundle: COUNTER });
    const starting = host.activate('city.heng.test');
    expect((await host.deactivate('city.heng.test')).state).toBe('stopped');
    expect((await starting).state).toBe('stopped');
    expect(host.running('city.heng.test')).toBeUndefined();
  });
});

describe('PluginHost state listeners', () => {
  test('tell every listener of each change, go on past one that throws, and stop when asked', async () => {
    const { host } = setup();
    const seen: string[] = [];
    host.onStateChange(() => {
      throw new Error('a broken listener');
    });
    const stop = host.onStateChange((status) => seen.push(status.state));
    await host.install({ manifest: manifest(), bundle: COUNTER });
    await host.activate('city.heng.test');
    expect(seen).toEqual(['installed', 'active']);
    stop();
    await host.deactivate('city.heng.test');
    expect(seen).toEqual(['installed', 'active']);
  });
});
