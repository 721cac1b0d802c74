/**
 * @module Where sandboxes get their QuickJS module: one shared by every plugin of the process,
 * replaced by a fresh one once an abort has made it unusable, and modules of their own for plugins
 * that have faulted before. Counts what had to be given up, so a host can report it.
 */
import { type IncidentSink, ModuleHome, type SandboxIncident } from './module-home.ts';
import { newQuickJSModule, type QuickJSModuleLike } from './quickjs.ts';

/** What a pool had to give up since it was made. */
export interface SandboxHealth {
  /** WebAssembly instances of QuickJS loaded (the shared ones and those of their own). */
  modulesLoaded: number;
  /** Instances an abort made unusable: never called into again, dropped whole. */
  modulesLost: number;
  /** QuickJS runtimes left allocated and never touched again. */
  runtimesAbandoned: number;
  /** The latest incidents, oldest first (at most {@link KEPT_INCIDENTS}). */
  incidents: SandboxIncident[];
}

export interface ModulePoolOptions {
  /** Loads a new module (default: the release build, warmed up). Tests pass a tracking wrapper. */
  load?: () => Promise<QuickJSModuleLike>;
  /** Told of every incident as it happens, e.g. to log it. */
  onIncident?: IncidentSink;
}

const KEPT_INCIDENTS = 50;

/**
 * @example
 * const modules = new ModulePool({ onIncident: (i) => log.warn(i.reason) });
 * const box = await PluginSandbox.create({ pluginId, bridge, api, modules });
 * modules.health(); // { modulesLoaded: 1, modulesLost: 0, runtimesAbandoned: 0, incidents: [] }
 */
export class ModulePool {
  readonly #load: () => Promise<QuickJSModuleLike>;
  readonly #onIncident: IncidentSink | undefined;
  #shared: Promise<ModuleHome> | undefined;
  #loaded = 0;
  #lost = 0;
  #abandoned = 0;
  readonly #incidents: SandboxIncident[] = [];

  constructor(options: ModulePoolOptions = {}) {
    this.#load = options.load ?? newQuickJSModule;
    this.#onIncident = options.onIncident;
  }

  /**
   * The module sandboxes share, loaded once; a fresh one when the last was lost. The caller
   * must check `lost` again after awaiting: another sandbox may have lost it in between.
   */
  async shared(): Promise<ModuleHome> {
    for (;;) {
      this.#shared ??= this.#home(false);
      const loading = this.#shared;
      try {
        const home = await loading;
        if (!home.lost) return home;
      } catch (error) {
        if (this.#shared === loading) this.#shared = undefined;
        throw error;
      }
      if (this.#shared === loading) this.#shared = undefined;
    }
  }

  /** A module of its own, so what goes wrong in it harms no other plugin. */
  isolated(): Promise<ModuleHome> {
    return this.#home(true);
  }

  health(): SandboxHealth {
    return {
      modulesLoaded: this.#loaded,
      modulesLost: this.#lost,
      runtimesAbandoned: this.#abandoned,
      incidents: [...this.#incidents],
    };
  }

  async #home(isolated: boolean): Promise<ModuleHome> {
    const module = await this.#load();
    this.#loaded++;
    return new ModuleHome(module, isolated, (incident) => this.#record(incident));
  }

  #record(incident: SandboxIncident): void {
    if (incident.kind === 'module_lost') this.#lost++;
    else this.#abandoned++;
    this.#incidents.push(incident);
    if (this.#incidents.length > KEPT_INCIDENTS) this.#incidents.shift();
    try {
      this.#onIncident?.(incident);
    } catch {
      // A broken listener must not turn an incident into a host failure.
    }
  }
}

/** The pool of this process: the one shared module every host uses unless given its own pool. */
export const processModules = new ModulePool({
  onIncident: ({ kind, pluginId, reason }) =>
    console.warn(`heng: ${kind.replace('_', ' ')} (plugin ${pluginId}): ${reason}`),
});

/** The module the process's sandboxes share now (for benchmarks and tools). */
export async function loadQuickJS(): Promise<QuickJSModuleLike> {
  return (await processModules.shared()).module;
}
