/**
 * @module A running plugin: its grant, broker and sandbox, wired to the bus, the telemetry feed
 * and its schedules; disposing it tears all of that down and nothing of it lingers.
 */
import { type HengEvent, HengError, type PluginFaultError } from '@heng/schemas';
import type { EventBus } from '../bus/index.ts';
import { apiShape, Broker, type BrokerPorts, type Grant, grantFromManifest } from '../capabilities/index.ts';
import type { AuditSink } from '../capabilities/types.ts';
import type { TimerHandle, Timekeeper } from '../clock/index.ts';
import { type CallKind, type CallResult, PluginSandbox, type QuickJSModuleLike } from '../sandbox/index.ts';
import type { PreparedPlugin } from './install.ts';

/** What a running plugin is connected to. */
export interface ActivationDeps {
  ports: Omit<BrokerPorts, 'storage' | 'events'> & { events: EventBus };
  storageFor(pluginId: string): BrokerPorts['storage'];
  audit: AuditSink;
  time: Timekeeper;
  module?: QuickJSModuleLike;
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

  /** Builds the sandbox from the grant, loads the bundle and runs `activate`. */
  static async start(
    plugin: PreparedPlugin,
    deps: ActivationDeps,
    onFault: (error: PluginFaultError) => void,
  ): Promise<ActivePlugin> {
    const { manifest } = plugin;
    const grant = grantFromManifest(manifest);
    const broker = new Broker({
      pluginId: manifest.id,
      grant,
      clock: deps.time,
      audit: deps.audit,
      ports: { ...deps.ports, storage: deps.storageFor(manifest.id) },
    });
    const sandbox = await PluginSandbox.create({
      pluginId: manifest.id,
      bridge: broker.bridge,
      api: apiShape(grant),
      limits: plugin.limits,
      module: deps.module,
      onFault,
    });
    const active = new ActivePlugin(grant, broker, sandbox);
    try {
      sandbox.load(plugin.bundle, plugin.config);
      active.#subscribe(deps);
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

  #subscribe(deps: ActivationDeps): void {
    if (!this.sandbox.handlers.has('event')) return;
    for (const topic of this.grant.subscribeTopics) {
      const subscription = deps.ports.events.subscribe(topic, (event: HengEvent) =>
        this.sandbox.call('event', event).then(() => undefined),
      );
      this.#teardown.push(() => subscription.dispose());
    }
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
