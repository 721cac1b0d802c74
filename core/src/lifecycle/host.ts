/**
 * @module The plugin host: installs plugins, runs them, routes telemetry, events, schedules and
 * requests to them, and quarantines the ones that fault, restarting them with backoff.
 */
import {
  HengError,
  type HengErrorJSON,
  NotFoundError,
  type PluginFaultError,
  type TelemetryReading,
  toHengError,
} from '@heng/schemas';
import type { TimerHandle } from '../clock/index.ts';
import { type VerifyOptions, verifyPackage } from '../package/index.ts';
import { type CallResult, processModules, type SandboxHealth } from '../sandbox/index.ts';
import { type ActivationDeps, ActivePlugin } from './activation.ts';
import { DEFAULT_RESTART_POLICY, FaultHistory, type RestartPolicy } from './backoff.ts';
import { type InstallRequest, type PreparedPlugin, preparePlugin } from './install.ts';

export type PluginState = 'installed' | 'active' | 'stopped' | 'quarantined' | 'failed';

/** What the host tells about one plugin. */
export interface PluginStatus {
  id: string;
  version: string;
  state: PluginState;
  faults: number;
  lastError?: HengErrorJSON;
  /** When a quarantined plugin will be tried again (host clock, ms). */
  restartAt?: number;
  /**
   * Runtimes of this plugin that could not be freed safely and were abandoned (left allocated,
   * never touched again); present once there is one.
   */
  abandonedRuntimes?: number;
}

export interface PluginHostOptions extends ActivationDeps {
  /** The version of this core, matched against each manifest's `engines.heng`. */
  engineVersion: string;
  role: 'edge' | 'hub';
  restart?: Partial<RestartPolicy>;
}

interface Entry {
  plugin: PreparedPlugin;
  state: PluginState;
  active?: ActivePlugin;
  faults: FaultHistory;
  lastError?: HengErrorJSON;
  restartTimer?: TimerHandle;
  restartAt?: number;
  /** Its runtimes abandoned so far. */
  abandoned: number;
  /** Set at its first fault: from then on it runs in a QuickJS module of its own. */
  isolated: boolean;
  /**
   * Moved on by every start and stop: a start that finishes after a later start or stop began
   * gives its sandbox up instead of making it the running one.
   */
  generation: number;
}

/**
 * @example
 * const host = new PluginHost({ engineVersion: '0.1.0', role: 'edge', ports, storageFor, audit, time: systemTime });
 * await host.install({ manifest, bundle, config: { threshold: 50 } });
 * await host.activate('com.example.air');
 * await host.deliverTelemetry(reading);
 */
export class PluginHost implements AsyncDisposable {
  readonly #options: PluginHostOptions;
  readonly #policy: RestartPolicy;
  readonly #entries = new Map<string, Entry>();

  readonly #listeners = new Set<(status: PluginStatus) => void>();

  constructor(options: PluginHostOptions) {
    this.#options = options;
    this.#policy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
  }

  /** Validates and records a plugin; nothing is recorded when any check fails. */
  async install(pkg: InstallRequest): Promise<PluginStatus> {
    const plugin = await preparePlugin(pkg, {
      engineVersion: this.#options.engineVersion,
      role: this.#options.role,
      isInstalled: (id) => this.#entries.has(id),
      modules: this.#options.modules,
    });
    if (this.#entries.has(plugin.manifest.id)) {
      throw new HengError('duplicate_plugin', `plugin ${plugin.manifest.id} is already installed`);
    }
    const entry: Entry = {
      plugin,
      state: 'installed',
      faults: new FaultHistory(this.#policy),
      abandoned: 0,
      isolated: false,
      generation: 0,
    };
    this.#entries.set(plugin.manifest.id, entry);
    return this.#changed(entry);
  }

  /**
   * Verifies a signed `.hpkg` against the trusted vendor keys, then installs it with `config`:
   * the lifecycle's validate → verify → install in one step. Nothing is recorded when the
   * package, its signature or any install check fails.
   */
  async installPackage(
    bytes: Uint8Array,
    options: VerifyOptions & { config?: unknown },
  ): Promise<PluginStatus> {
    const { manifest, bundle } = await verifyPackage(bytes, options);
    return this.install({ manifest, bundle, config: options.config });
  }

  /** Starts an installed, stopped or quarantined plugin. A fault while starting quarantines it. */
  async activate(id: string): Promise<PluginStatus> {
    const entry = this.#entry(id);
    if (entry.state === 'active') return this.status(id);
    this.#cancelRestart(entry);
    // Not quarantined while it starts: a fault now counts as a new one.
    entry.state = 'stopped';
    const generation = ++entry.generation;
    let active: ActivePlugin | undefined;
    try {
      active = await ActivePlugin.start(
        entry.plugin,
        this.#options,
        {
          // Only the running sandbox's faults count: one being stopped or superseded is gone.
          onFault: (fault) => {
            if (active && entry.active === active) this.#quarantine(entry, fault);
          },
          onStranded: () => {
            if (active) this.#restartStranded(entry, active);
          },
          onAbandoned: () => {
            entry.abandoned++;
          },
        },
        entry.isolated,
      );
    } catch (error) {
      if (entry.generation === generation) {
        this.#quarantine(entry, toHengError(error, 'plugin_crashed'));
      }
      return this.status(id);
    }
    if (entry.generation !== generation) {
      // Stopped (or started again) while it was starting.
      active.dispose();
      return this.status(id);
    }
    entry.active = active;
    entry.state = 'active';
    delete entry.lastError;
    return this.#changed(entry);
  }

  /** Stops a plugin, calling its `deactivate` first. Its storage is kept. */
  async deactivate(id: string): Promise<PluginStatus> {
    const entry = this.#entry(id);
    this.#cancelRestart(entry);
    entry.generation++;
    const active = entry.active;
    delete entry.active;
    entry.state = 'stopped';
    await active?.stop();
    return this.#changed(entry);
  }

  /** Stops and forgets a plugin. */
  async uninstall(id: string): Promise<void> {
    await this.deactivate(id);
    this.#entries.delete(id);
  }

  status(id: string): PluginStatus {
    const entry = this.#entry(id);
    const status: PluginStatus = {
      id,
      version: entry.plugin.manifest.version,
      state: entry.state,
      faults: entry.faults.count,
    };
    if (entry.lastError) status.lastError = entry.lastError;
    if (entry.restartAt !== undefined) status.restartAt = entry.restartAt;
    if (entry.abandoned > 0) status.abandonedRuntimes = entry.abandoned;
    return status;
  }

  /**
   * What the host's QuickJS modules had to give up: modules lost to an abort, runtimes abandoned
   * (of its module pool: the process's, unless the host was given its own).
   */
  sandboxHealth(): SandboxHealth {
    return (this.#options.modules ?? processModules).health();
  }

  list(): PluginStatus[] {
    return [...this.#entries.keys()].map((id) => this.status(id));
  }

  /** The running plugin, for routing requests to it; undefined when it is not active. */
  running(id: string): ActivePlugin | undefined {
    const entry = this.#entries.get(id);
    return entry?.state === 'active' ? entry.active : undefined;
  }

  /** Hands a reading to every active plugin whose grant lets it read that point. */
  async deliverTelemetry(reading: TelemetryReading): Promise<void> {
    const path = `${reading.site}/${reading.device}/${reading.point}`;
    const calls: Array<Promise<CallResult>> = [];
    for (const entry of this.#entries.values()) {
      const active = entry.state === 'active' ? entry.active : undefined;
      if (!active?.sandbox.handlers.has('telemetry') || !active.grant.canReadPoint(path)) continue;
      calls.push(active.call('telemetry', reading));
    }
    await Promise.all(calls);
  }

  #quarantine(entry: Entry, fault: PluginFaultError | HengError): void {
    if (entry.state === 'quarantined' || entry.state === 'failed') return;
    // Disposing never throws: a runtime QuickJS cannot free is abandoned and counted.
    entry.active?.dispose();
    delete entry.active;
    // What goes wrong in its runtime from now on harms no other plugin's module.
    entry.isolated = true;
    entry.lastError = fault.toJSON();
    const delay = entry.faults.record(this.#options.time.now());
    if (delay === undefined) {
      entry.state = 'failed';
      delete entry.restartAt;
    } else {
      entry.state = 'quarantined';
      entry.restartAt = this.#options.time.now() + delay;
      entry.restartTimer = this.#options.time.setTimeout(() => {
        delete entry.restartTimer;
        if (entry.state === 'quarantined') return this.activate(entry.plugin.manifest.id);
        return undefined;
      }, delay);
    }
    this.#changed(entry);
  }

  /**
   * Another plugin's abort took the module this one ran in: start it again at once, elsewhere,
   * without counting a fault (its `deactivate` cannot run in a lost module).
   */
  #restartStranded(entry: Entry, active: ActivePlugin): void {
    if (entry.active !== active || entry.state !== 'active') return;
    delete entry.active;
    active.dispose();
    entry.state = 'stopped';
    this.activate(entry.plugin.manifest.id).catch(() => {
      // Uninstalled meanwhile: nothing to restart.
    });
  }

  #cancelRestart(entry: Entry): void {
    if (entry.restartTimer) this.#options.time.clearTimeout(entry.restartTimer);
    delete entry.restartTimer;
    delete entry.restartAt;
  }

  #entry(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new NotFoundError(`no plugin ${id} is installed`);
    return entry;
  }

  /**
   * Tells `listener` of every state change of every plugin, e.g. the app runner reporting
   * crashing plugins to the hub. Returns the way to stop listening. A listener that throws is
   * not the host's problem: it is reported and the others are still told.
   */
  onStateChange(listener: (status: PluginStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(entry: Entry): PluginStatus {
    const status = this.status(entry.plugin.manifest.id);
    for (const listener of [...this.#listeners]) {
      try {
        listener(status);
      } catch (err) {
        console.error(`plugin host: a state listener failed: ${(err as Error).message}`);
      }
    }
    return status;
  }

  /** Stops every plugin. */
  async dispose(): Promise<void> {
    for (const id of [...this.#entries.keys()]) await this.deactivate(id);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
