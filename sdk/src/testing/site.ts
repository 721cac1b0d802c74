/**
 * @module A simulated site for a vendor's unit tests: runs one plugin in the real core sandbox,
 * behind the real broker and grant, with telemetry to feed, commands and events captured, a clock
 * moved by hand and storage to inspect.
 */
import {
  type AuditEntry,
  createMemoryStore,
  ENGINE_VERSION,
  EventBus,
  ManualClock,
  PluginHost,
  type PluginStatus,
  pluginRoutes,
  type StoragePort,
} from '@heng/core';
import type { HengEvent, TelemetryReading } from '@heng/schemas';
import type { FetchResponse, Json } from '../api.ts';

/** A command the plugin sent, as the site received it. */
export interface CapturedCommand {
  id: string;
  site: string;
  device: string;
  point: string;
  value: unknown;
  reason: string;
  requestedBy: { kind: string; id: string };
}

export interface TestSiteOptions {
  manifest: unknown;
  bundle: string;
  config?: unknown;
  /** Site id used for readings fed without one. Default `test-site`. */
  site?: string;
  /** Start of the simulated clock. Default 2026-01-01T00:00:00Z. */
  start?: Date;
  /** Answers the plugin's granted outbound fetches; by default they fail (no network in tests). */
  fetch?: (url: string, init: unknown) => FetchResponse | Promise<FetchResponse>;
  /** Role of the simulated host. Default: the first of the manifest's `runsOn`. */
  role?: 'edge' | 'hub';
}

/** A reading to feed; site and time default to the site's. */
export interface FeedReading {
  device: string;
  point: string;
  value: number | boolean | string;
  site?: string;
  unit?: string;
  quality?: 'good' | 'uncertain' | 'bad';
  ts?: string;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  json<T = unknown>(): T;
}

export interface TestSite extends AsyncDisposable {
  readonly pluginId: string;
  readonly clock: ManualClock;
  readonly commands: CapturedCommand[];
  readonly events: HengEvent[];
  readonly audit: AuditEntry[];
  readonly logs: Array<{ level: string; message: string; data?: unknown }>;
  readonly storage: Pick<StoragePort, 'get' | 'list'>;
  /** The plugin's lifecycle state: active, quarantined, failed... */
  status(): PluginStatus;
  feed(reading: FeedReading): Promise<void>;
  publish(topic: string, payload: Json, options?: Partial<HengEvent>): Promise<void>;
  request(
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  /** Moves the clock, running due schedules and restarts, and waits for what they started. */
  advance(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * @example
 * const site = await createTestSite({ manifest, bundle, config: { threshold: 50 } });
 * await site.feed({ device: 'aq-1', point: 'pm25', value: 80 });
 * expect(site.events.map((e) => e.topic)).toEqual(['air/alert']);
 */
export async function createTestSite(options: TestSiteOptions): Promise<TestSite> {
  const siteId = options.site ?? 'test-site';
  const clock = new ManualClock((options.start ?? new Date('2026-01-01T00:00:00Z')).getTime());
  const commands: CapturedCommand[] = [];
  const events: HengEvent[] = [];
  const audit: AuditEntry[] = [];
  const logs: TestSite['logs'] = [];
  const latest = new Map<string, TelemetryReading>();
  const bus = new EventBus();
  bus.subscribe('#', (event) => {
    events.push(structuredClone(event) as HengEvent);
  });
  const stores = new Map<string, StoragePort>();
  const storageFor = (id: string) => {
    let store = stores.get(id);
    if (!store) {
      store = createMemoryStore(id);
      stores.set(id, store);
    }
    return store;
  };
  let sequence = 0;
  const manifest = options.manifest as { runsOn?: Array<'edge' | 'hub'>; id?: string };
  const host = new PluginHost({
    engineVersion: ENGINE_VERSION,
    role: options.role ?? manifest.runsOn?.[0] ?? 'edge',
    time: clock,
    audit: { record: (entry) => audit.push(entry) },
    storageFor,
    ports: {
      events: bus,
      telemetry: { latest: async (path) => latest.get(path) },
      commands: {
        send: async (command) => {
          const id = `cmd-${++sequence}`;
          commands.push({ id, ...(command as Omit<CapturedCommand, 'id'>) });
          return { id, status: 'queued' };
        },
      },
      fetch: async (url, init) => {
        if (!options.fetch) throw new Error(`no network in tests: ${url}`);
        const reply = await options.fetch(String(url), init);
        return new Response(reply.body, { status: reply.status, headers: reply.headers });
      },
      log: (level, message, data) => logs.push({ level, message, data }),
    },
  });
  const status = await host.install({
    manifest: options.manifest,
    bundle: options.bundle,
    config: options.config,
  });
  const pluginId = status.id;
  await host.activate(pluginId);
  const routes = pluginRoutes({ resolve: (id) => host.running(id) });

  return {
    pluginId,
    clock,
    commands,
    events,
    audit,
    logs,
    storage: storageFor(pluginId),
    status: () => host.status(pluginId),
    async feed(input) {
      const reading: TelemetryReading = {
        site: input.site ?? siteId,
        device: input.device,
        point: input.point,
        value: input.value,
        quality: input.quality ?? 'good',
        ts: input.ts ?? new Date(clock.now()).toISOString(),
        ...(input.unit ? { unit: input.unit } : {}),
      };
      latest.set(`${reading.site}/${reading.device}/${reading.point}`, reading);
      await host.deliverTelemetry(reading);
      await bus.idle();
    },
    async publish(topic, payload, extra = {}) {
      bus.publish({
        id: `evt-${++sequence}`,
        topic,
        source: 'test-site',
        ts: new Date(clock.now()).toISOString(),
        payload,
        dataClass: 'internal',
        ...extra,
      } as HengEvent);
      await bus.idle();
    },
    async request(method, path, init = {}) {
      const response = await routes.request(`/plugins/${pluginId}${path}`, {
        method,
        body: init.body,
        headers: init.headers,
      });
      const body = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body,
        json: <T>() => JSON.parse(body) as T,
      };
    },
    async advance(ms) {
      await clock.advance(ms);
      await bus.idle();
    },
    dispose: () => host.dispose(),
    [Symbol.asyncDispose]: () => host.dispose(),
  };
}
