/**
 * @module One QuickJS WebAssembly instance and the sandboxes living in it. An Emscripten abort
 * (or a WebAssembly trap) leaves an instance in an unknown state, so once one escapes, the home is
 * lost: nobody calls into it again, and every sandbox still in it is stranded.
 */
import type { QuickJSModuleLike } from './quickjs.ts';

/** A sandbox living in a home: told when the home is lost, so it stops using the module. */
export interface Resident {
  readonly pluginId: string;
  strand(reason: string): void;
}

/** What happened to a runtime or a module, for the host's accounting. */
export interface SandboxIncident {
  kind: 'runtime_abandoned' | 'module_lost';
  pluginId: string;
  reason: string;
}

/** Where a home reports what it had to give up. */
export type IncidentSink = (incident: SandboxIncident) => void;

export class ModuleHome {
  readonly module: QuickJSModuleLike;
  /** A module of its own for one plugin (one that has faulted before). */
  readonly isolated: boolean;
  readonly #report: IncidentSink;
  readonly #residents = new Set<Resident>();
  #lost: string | undefined;

  constructor(module: QuickJSModuleLike, isolated: boolean, report: IncidentSink = () => {}) {
    this.module = module;
    this.isolated = isolated;
    this.#report = report;
  }

  /** True once an abort escaped the module: never call into it again. */
  get lost(): boolean {
    return this.#lost !== undefined;
  }

  join(resident: Resident): void {
    this.#residents.add(resident);
  }

  leave(resident: Resident): void {
    this.#residents.delete(resident);
  }

  /**
   * Gives the module up after `error` escaped it while `pluginId` used it (that sandbox has left
   * already): every resident is stranded, must not touch the module again, and its owner
   * restarts it elsewhere.
   */
  lose(pluginId: string, error: unknown): void {
    if (this.#lost !== undefined) return;
    const reason = describe(error);
    this.#lost = reason;
    this.#report({ kind: 'module_lost', pluginId, reason });
    const stranded = [...this.#residents];
    this.#residents.clear();
    for (const resident of stranded) resident.strand(`its QuickJS module was lost: ${reason}`);
  }

  /** Records a runtime left allocated and never touched again. */
  abandon(pluginId: string, reason: string): void {
    this.#report({ kind: 'runtime_abandoned', pluginId, reason });
  }
}

/**
 * True for what leaves the WebAssembly instance itself in an unknown state: an Emscripten
 * `abort()` (a failed assertion inside QuickJS) or a trap, both `WebAssembly.RuntimeError`.
 */
export function poisonsModule(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
