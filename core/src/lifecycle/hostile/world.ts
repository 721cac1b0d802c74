/**
 * @module The site a hostile plugin is dropped into: a real PluginHost with a ManualClock, an
 * in-memory store, a real EventBus, the plugin HTTP routes, and recorders for audit, logs and
 * commands; every QuickJS runtime it creates is tracked so a leak is visible.
 */
import { HengError } from '@heng/schemas';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import type { Hono } from 'hono';
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSRuntime,
  type QuickJSSyncVariant,
} from 'quickjs-emscripten-core';
import { pluginRoutes } from '../../api/index.ts';
import type { PluginRequest, PluginResponse } from '../../api/types.ts';
import { EventBus, type HengEvent } from '../../bus/index.ts';
import type { LogLevel, PointCommand } from '../../capabilities/ports.ts';
import type { AuditEntry } from '../../capabilities/types.ts';
import { ManualClock } from '../../clock/index.ts';
import {
  type CallKind,
  type CallResult,
  ModulePool,
  type QuickJSModuleLike,
  type SandboxIncident,
} from '../../sandbox/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { PluginHost, type PluginState, type PluginStatus } from '../index.ts';
import { manifestOf, type PluginSpec } from './plugins.ts';

export const START = Date.parse('2026-11-28T08:00:00Z');

export interface LogLine {
  level: LogLevel;
  msg: string;
  data?: unknown;
}

/** Everything a test needs to drive the host and see what came out of it. */
export interface World {
  host: PluginHost;
  clock: ManualClock;
  bus: EventBus;
  app: Hono;
  audit: AuditEntry[];
  logs: LogLine[];
  commands: PointCommand[];
  changes: PluginStatus[];
  /** The one key/value map behind every plugin's store, as a shared database would be. */
  backing: Map<string, string>;
  /** Every QuickJS runtime the host created, install probes included. */
  runtimes: QuickJSRuntime[];
  /** The world's own QuickJS modules: what they lost and abandoned. */
  modules: ModulePool;
  /** Every module lost and runtime abandoned, as the pool reported them. */
  incidents: SandboxIncident[];
  /** Installs and activates; returns the status after activation. */
  start(spec: PluginSpec): Promise<PluginStatus>;
  /** Calls a running plugin's handler; `plugin_unavailable` when it is not running. */
  call(id: string, kind: CallKind, input: unknown): Promise<CallResult>;
  /** Resolves once the plugin is in `state` (at once if it already is). */
  reach(id: string, state: PluginState): Promise<PluginStatus>;
  /** Publishes an event on the bus as the host would. */
  publish(topic: string, payload: Record<string, unknown>): void;
}

/** A plugin's HTTP request with the defaults filled in. */
export function request(partial: Partial<PluginRequest> = {}): PluginRequest {
  return {
    method: 'GET',
    path: '/',
    route: '/',
    params: {},
    query: {},
    headers: {},
    body: '',
    ...partial,
  };
}

/** A module of the world's own, every runtime made in it tracked so a leak is visible. */
async function trackedModule(runtimes: QuickJSRuntime[]): Promise<QuickJSModuleLike> {
  const quickjs = await newQuickJSWASMModuleFromVariant(variant as unknown as QuickJSSyncVariant);
  return {
    newRuntime: (...args: Parameters<typeof quickjs.newRuntime>) => {
      const runtime = quickjs.newRuntime(...args);
      runtimes.push(runtime);
      return runtime;
    },
    getWasmMemory: () => quickjs.getWasmMemory(),
  };
}

export async function createWorld(): Promise<World> {
  // WebAssembly instances per world: a case that corrupts QuickJS must not fail the next case.
  const runtimes: QuickJSRuntime[] = [];
  const incidents: SandboxIncident[] = [];
  const modules = new ModulePool({
    load: () => trackedModule(runtimes),
    onIncident: (incident) => incidents.push(incident),
  });
  const clock = new ManualClock(START);
  const bus = new EventBus();
  const audit: AuditEntry[] = [];
  const logs: LogLine[] = [];
  const commands: PointCommand[] = [];
  const changes: PluginStatus[] = [];
  const backing = new Map<string, string>();
  const waiters = new Set<(status: PluginStatus) => void>();
  const host = new PluginHost({
    engineVersion: '0.1.0',
    role: 'edge',
    time: clock,
    modules,
    audit: { record: (entry) => audit.push(entry) },
    storageFor: (id) => createMemoryStore(id, backing),
    ports: {
      events: bus,
      telemetry: { latest: async () => undefined },
      commands: {
        send: async (command) => {
          commands.push(command);
          return { id: `cmd-${commands.length}`, status: 'queued' };
        },
      },
      fetch: async () => {
        throw new Error('no plugin in this suite is granted fetch');
      },
      log: (level, msg, data) =>
        logs.push(data === undefined ? { level, msg } : { level, msg, data }),
    },
  });
  host.onStateChange((status) => {
    changes.push(status);
    for (const wake of [...waiters]) wake(status);
  });
  const call = async (id: string, kind: CallKind, input: unknown): Promise<CallResult> => {
    const active = host.running(id);
    if (!active)
      return { error: new HengError('plugin_unavailable', `${id} is not running`).toJSON() };
    return active.call(kind, input);
  };
  const app = pluginRoutes({
    resolve: (id) => {
      const active = host.running(id);
      if (!active) return undefined;
      return {
        routes: active.grant.routes,
        handle: async (req) => {
          const result = await call(id, 'request', req);
          if ('error' in result) throw HengError.fromJSON(result.error);
          return result.value as PluginResponse;
        },
      };
    },
  }) as unknown as Hono;
  return {
    host,
    clock,
    bus,
    app,
    audit,
    logs,
    commands,
    changes,
    backing,
    runtimes,
    modules,
    incidents,
    call,
    async start(spec) {
      await host.install({
        manifest: manifestOf(spec),
        bundle: spec.bundle,
        config: spec.config ?? {},
      });
      return host.activate(spec.id);
    },
    reach(id, state) {
      const now = host.status(id);
      if (now.state === state) return Promise.resolve(now);
      return new Promise((resolve) => {
        const wake = (status: PluginStatus) => {
          if (status.id !== id || status.state !== state) return;
          waiters.delete(wake);
          resolve(status);
        };
        waiters.add(wake);
      });
    },
    publish(topic, payload) {
      const event: HengEvent = {
        id: crypto.randomUUID(),
        topic,
        source: 'edge',
        ts: new Date(clock.now()).toISOString(),
        payload,
        dataClass: 'internal',
      };
      bus.publish(event);
    },
  };
}
