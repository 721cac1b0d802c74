/**
 * @module A running plugin: its grant, broker and sandbox, wired to the bus, the telemetry feed
 * and its schedules; disposing it tears all of that down and nothing of it lingers.
 */
import { HengError, type HengEvent, NotFoundError, type PluginFaultError } from '@heng/schemas';
import type { PluginRequest, PluginResponse } from '../api/index.ts';
import type { EventBus } from '../bus/index.ts';
import {
  apiShape,
  Broker,
  type BrokerPorts,
  type Grant,
  grantFromManifest,
} from '../capabilities/index.ts';
import type { AuditSink } from '../capabilities/types.ts';
import type { Timekeeper, TimerHandle } from '../clock/index.ts';
import {
  type CallKind,
  type CallResult,
  type ModulePool,
  PluginSandbox,
} from '../sandbox/index.ts';
import type { PreparedPlugin } from './install.ts';

/** What an `onRequest` handler returned, as an HTTP response; the route factory checks the rest. */
function responseOf(pluginId: string, value: unknown): PluginResponse {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HengError(
      'plugin_crashed',
      `plugin ${pluginId} answered a request with ${typeof value}, not { status, headers, body }`,
    );
  }
  const { status = 200, headers, body = '' } = value as Partial<PluginResponse>;
  return headers === undefined ? { status, body } : { status, headers, body };
}

/** What a running plugin is connected to. */
export interface ActivationDeps {
  ports: Omit<BrokerPorts, 'storage' | 'events'> & { events: EventBus };
  storageFor(pluginId: string): BrokerPorts['storage'];
  /** Where one plugin's log lines go, when the host tells plugins apart; else `ports.log`. */
  logFor?(pluginId: string): BrokerPorts['log'];
  audit: AuditSink;
  time: Timekeeper;
  /** Where sandboxes get their QuickJS module (default: the process's pool). */
  modules?: ModulePool;
}

/** What the host is told about a running plugin's sandbox. */
export interface SandboxEvents {
  /** It faulted: the plugin is to be quarantined. */
  onFault(error: PluginFaultError): void;
  /** Its module was lost to another plugin's abort: it is to be started again, at no fault of its own. */
  onStranded(reason: string): void;
  /** Its runtime could not be freed safely and was abandoned. */
  onAbandoned(reason: string): void;
}

/** A plugin that is running, until disposed. */
export class ActivePlugin implements Disposable {
  readonly grant: Grant;
  readonly sandbox: PluginSandbox;
  readonly #broker: Broker;
  readonly #teardown: Array<() => void> = [];

  private constructor(grant: Grant, broker: Broker, sandbox: PluginSandbox) {
    this.grant = grant;
    this.#broker = broker;
    this.sandbox = sandbox;
  }

  /**
   * Builds the sandbox from the grant, loads the bundle and runs `activate`; `isolated` gives it a
   * QuickJS module of its own.
   */
  static async start(
    plugin: PreparedPlugin,
    deps: ActivationDeps,
    events: SandboxEvents,
    isolated = false,
  ): Promise<ActivePlugin> {
    const { manifest } = plugin;
    const grant = grantFromManifest(manifest);
    const broker = new Broker({
      pluginId: manifest.id,
      grant,
      clock: deps.time,
      audit: deps.audit,
      ports: {
        ...deps.ports,
        storage: deps.storageFor(manifest.id),
        log: deps.logFor?.(manifest.id) ?? deps.ports.log,
      },
    });
    const sandbox = await PluginSandbox.create({
      pluginId: manifest.id,
      bridge: broker.bridge,
      api: apiShape(grant),
      limits: plugin.limits,
      modules: deps.modules,
      isolated,
      onFault: events.onFault,
      onStranded: events.onStranded,
      onAbandoned: events.onAbandoned,
    });
    const active = new ActivePlugin(grant, broker, sandbox);
    try {
      sandbox.load(plugin.bundle, plugin.config);
      active.#subscribe();
      active.#schedule(deps.time);
      const started = await sandbox.call('activate', null);
      if ('error' in started) throw sandbox.fault ?? HengError.fromJSON(started.error);
    } catch (error) {
      active.dispose();
      throw error;
    }
    return active;
  }

  /** Calls one of the plugin's handlers. */
  call(kind: CallKind, input: unknown): Promise<CallResult> {
    return this.sandbox.call(kind, input);
  }

  /** The HTTP routes its grant lists, for the route factory. */
  get routes(): Grant['routes'] {
    return this.grant.routes;
  }

  /** Serves one HTTP request through the plugin's `onRequest`. */
  async handle(request: PluginRequest): Promise<PluginResponse> {
    if (!this.sandbox.handlers.has('request')) {
      throw new NotFoundError(`plugin ${this.grant.pluginId} has no onRequest handler`);
    }
    const result = await this.sandbox.call('request', request);
    if ('error' in result) throw HengError.fromJSON(result.error);
    return responseOf(this.grant.pluginId, result.value);
  }

  /** Events on the granted topics reach `onEvent`, once each, until the broker is disposed. */
  #subscribe(): void {
    if (!this.sandbox.handlers.has('event')) return;
    this.#broker.subscribeEvents((event: HengEvent) =>
      this.sandbox.call('event', event).then(() => undefined),
    );
  }

  #schedule(time: Timekeeper): void {
    if (!this.sandbox.handlers.has('schedule')) return;
    for (const { name, everySeconds } of this.grant.schedules) {
      let handle: TimerHandle;
      const tick = () => {
        handle = time.setTimeout(tick, everySeconds * 1000);
        return this.sandbox.call('schedule', name);
      };
      handle = time.setTimeout(tick, everySeconds * 1000);
      this.#teardown.push(() => time.clearTimeout(handle));
    }
  }

  /** Best-effort `deactivate`, then teardown. */
  async stop(): Promise<void> {
    if (this.sandbox.alive && this.sandbox.handlers.has('deactivate')) {
      await this.sandbox.call('deactivate', null);
    }
    this.dispose();
  }

  dispose(): void {
    for (const undo of this.#teardown.splice(0)) undo();
    this.#broker.dispose();
    this.sandbox.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
