/** @module Plugins and a host the core benchmarks share. */
import { EventBus, PluginHost, type PluginHostOptions, systemTime } from '../src/index.ts';
import { createMemoryStore } from '../src/store/index.ts';

export const reading = {
  site: 'lighting-01',
  device: 'lamp-17',
  point: 'power',
  value: 131.5,
  unit: 'W',
  quality: 'good',
  ts: '2026-11-28T08:00:00.000Z',
};

/** A plugin that subscribes to one topic and answers with a number computed from the event. */
export function manifest(id = 'city.heng.bench') {
  return {
    id,
    name: 'Bench',
    version: '1.0.0',
    vendor: { name: 'Heng' },
    engines: { heng: '>=0.1.0' },
    runsOn: ['edge', 'hub'],
    entry: 'dist/plugin.js',
    permissions: [{ capability: 'events:subscribe', topics: ['telemetry/#'] }],
  };
}

/** The event that carries `reading` to a subscribed plugin. */
export const event = {
  id: 'e',
  topic: 'telemetry/lamp',
  source: 'edge',
  ts: reading.ts,
  payload: reading,
  dataClass: 'internal',
};

export const bundle = 'export default { onEvent(e) { return e.payload.value * 2 } }';

/** A host with no-op ports; `restart` overrides its restart policy. */
export function newHost(restart?: PluginHostOptions['restart']): PluginHost {
  return new PluginHost({
    ...(restart ? { restart } : {}),
    engineVersion: '0.1.0',
    role: 'edge',
    time: systemTime,
    audit: { record: () => {} },
    storageFor: (id) => createMemoryStore(id),
    ports: {
      events: new EventBus(),
      telemetry: { latest: async () => undefined },
      commands: { send: async () => ({ id: 'x', status: 'queued' }) },
      fetch: async () => new Response('', { status: 503 }),
      log: () => {},
    },
  });
}
