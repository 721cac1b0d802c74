/**
 * @module How long a plugin may keep the host's thread across entries before the host gets a
 * turn. Replies to a plugin's host calls settle as microtasks, and so does the entry they start:
 * a plugin awaiting host calls in a loop would otherwise run entry after entry, each within its
 * deadline, without the host ever reaching its timers, its I/O or the other plugins. Once a
 * plugin's entries have taken its deadline's worth of wall time since the host last ran a
 * macrotask, its next entry waits for one.
 */

export class HostTurns {
  readonly #budgetMs: number;
  #usedMs = 0;
  /** A macrotask that marks the host's next turn, armed while the plugin uses the thread. */
  #marker: ReturnType<typeof setTimeout> | undefined;
  #deferred: ReturnType<typeof setTimeout> | undefined;

  constructor(budgetMs: number) {
    this.#budgetMs = budgetMs;
  }

  /** Adds `ms` of the plugin's entries to this turn. */
  spend(ms: number): void {
    this.#usedMs += ms;
    this.#marker ??= setTimeout(() => {
      this.#marker = undefined;
      this.#usedMs = 0;
    }, 0);
  }

  /** True when the plugin has had its share of this turn. */
  get spent(): boolean {
    return this.#usedMs >= this.#budgetMs;
  }

  /** Runs `work` on a later macrotask (once, however often asked before it runs). */
  defer(work: () => void): void {
    this.#deferred ??= setTimeout(() => {
      this.#deferred = undefined;
      work();
    }, 0);
  }

  dispose(): void {
    clearTimeout(this.#marker);
    clearTimeout(this.#deferred);
    this.#marker = undefined;
    this.#deferred = undefined;
  }
}
