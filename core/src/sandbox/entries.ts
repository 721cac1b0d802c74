/**
 * @module How the host enters a plugin's interpreter: one entry at a time (re-entry is refused
 * by the sandbox), each under a CPU deadline and the memory guard, followed by the promise jobs
 * it queued, all of them inside the same budget.
 */
import type { QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { CpuClock } from './cpu-clock.ts';
import type { MemoryGuard } from './memory-guard.ts';

const MAX_JOBS_PER_SLICE = 1000;

/**
 * However the CPU clock reads, an entry is stopped after this many times its deadline of wall
 * time (and at least a second): the clock is the host's, and a broken one must not disarm it.
 */
const WALL_CAP_FACTOR = 20;
const MIN_WALL_CAP_MS = 1000;
/**
 * Reading the CPU clock costs a few microseconds, as much as a small entry: an entry starts from
 * the last reading when it is at most this old, which charges it at most this much CPU the
 * thread spent just before (the entry runs alone on the thread).
 */
const CPU_BASELINE_MAX_AGE_MS = 1;

/** What the sandbox does about what happens during an entry. */
export interface EntryHooks {
  alive(): boolean;
  /** A promise job threw past the plugin (the handle is the thrown value, to be freed). */
  jobThrew(thrown: QuickJSHandle): void;
  /** The jobs of one entry ran past the deadline. */
  ranPastDeadline(): void;
  /** A host exception escaped the interpreter: the runtime is broken. */
  broke(error: unknown): Error;
  /** The memory guard found the plugin over its limit. */
  overMemory(): void;
  /** Jobs have run: replies may have settled. */
  afterJobs(): void;
}

export class Entries {
  readonly #runtime: QuickJSRuntime;
  readonly #memory: MemoryGuard;
  readonly #hooks: EntryHooks;
  readonly #callTimeoutMs: number;
  readonly #cpu: CpuClock | undefined;
  /** Wall time at which to look again: the deadline itself without a CPU clock. */
  #deadline = Number.POSITIVE_INFINITY;
  #wallCap = Number.POSITIVE_INFINITY;
  #cpuStart = 0;
  #cpuReadAt = Number.NEGATIVE_INFINITY;
  #timeoutMs = 0;
  #busy = false;
  #finishing = false;
  #broken = false;

  constructor(
    runtime: QuickJSRuntime,
    memory: MemoryGuard,
    callTimeoutMs: number,
    hooks: EntryHooks,
    cpu?: CpuClock,
  ) {
    this.#runtime = runtime;
    this.#memory = memory;
    this.#callTimeoutMs = callTimeoutMs;
    this.#hooks = hooks;
    this.#cpu = cpu;
    runtime.setInterruptHandler(() => this.#pastDeadline() || memory.grewTooMuch());
  }

  /**
   * Whether the entry has used up its time. Wall time is read on every check (cheap); only once
   * it passes the deadline is the CPU clock read, and while the thread has computed less than the
   * budget (it was kept waiting), the next look is moved to when the rest could be used up.
   */
  #pastDeadline(): boolean {
    const now = performance.now();
    if (now <= this.#deadline) return false;
    if (!this.#cpu || now > this.#wallCap) return true;
    const left = this.#timeoutMs - (this.#cpu() - this.#cpuStart);
    if (left <= 0) return true;
    this.#deadline = now + left;
    return false;
  }

  /** True while the interpreter runs: a call now would be a re-entry. */
  get busy(): boolean {
    return this.#busy;
  }

  /** True once a host exception escaped the interpreter: never touch the runtime again. */
  get broken(): boolean {
    return this.#broken;
  }

  /** Runs one synchronous entry into the plugin under the CPU deadline, then its promise jobs. */
  enter<T>(run: () => T, timeoutMs = this.#callTimeoutMs): T {
    this.#busy = true;
    this.#begin(timeoutMs, true);
    try {
      return this.#guard(run);
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
      this.#busy = false;
      this.#finishing = true;
      this.pump();
      this.#finishing = false;
    }
  }

  /** Runs the plugin's pending promise jobs, all under one CPU deadline. */
  pump(): void {
    if (!this.#hooks.alive() || this.#busy) return;
    const runtime = this.#runtime;
    this.#busy = true;
    // The jobs that finish an entry belong to it; jobs after a host reply are a new entry.
    this.#begin(this.#callTimeoutMs, !this.#finishing);
    try {
      while (runtime.hasPendingJob()) {
        let ran: ReturnType<QuickJSRuntime['executePendingJobs']>;
        try {
          ran = this.#guard(() => runtime.executePendingJobs(MAX_JOBS_PER_SLICE));
        } catch {
          return;
        }
        if (ran.error) {
          this.#hooks.jobThrew(ran.error);
          return;
        }
        if (this.#pastDeadline()) {
          this.#hooks.ranPastDeadline();
          return;
        }
      }
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
      this.#busy = false;
      if (this.#hooks.alive() && !this.#broken && this.#memory.overLimit(performance.now())) {
        this.#hooks.overMemory();
      }
      this.#hooks.afterJobs();
    }
  }

  /** Runs host-side reads of plugin values (getters, proxies) under a deadline of their own. */
  bounded<T>(run: () => T): T {
    this.#begin(this.#callTimeoutMs, false);
    try {
      return run();
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
    }
  }

  /** Starts the CPU deadline and, for a new entry, the memory baseline. */
  #begin(timeoutMs: number, newEntry: boolean): void {
    const now = performance.now();
    this.#timeoutMs = timeoutMs;
    this.#deadline = now + timeoutMs;
    this.#wallCap = now + Math.max(MIN_WALL_CAP_MS, timeoutMs * WALL_CAP_FACTOR);
    if (this.#cpu && now - this.#cpuReadAt > CPU_BASELINE_MAX_AGE_MS) {
      this.#cpuStart = this.#cpu();
      this.#cpuReadAt = now;
    }
    if (newEntry) this.#memory.enter();
  }

  /**
   * A host exception escaping the interpreter (the host's own stack overflowing under a deep
   * recursion, say) leaves the runtime in an unknown state.
   */
  #guard<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.#broken = true;
      throw this.#hooks.broke(error);
    }
  }
}
