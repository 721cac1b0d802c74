/**
 * @module How the host enters a plugin's interpreter: one entry at a time (re-entry is refused
 * by the sandbox), each under a CPU deadline and the memory guard, followed by the promise jobs
 * it queued, all of them inside the same budget. Host calls made during an entry are charged to
 * it: each checks the deadline, and the argument text they copy out adds up against a budget.
 */
import type { QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { CpuClock } from './cpu-clock.ts';
import { EntryDeadline } from './deadline.ts';
import { HostTurns } from './host-turns.ts';
import type { MemoryGuard } from './memory-guard.ts';

const MAX_JOBS_PER_SLICE = 1000;

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

/** Why the host stopped an entry from a host call. */
export interface EntryStop {
  code: 'deadline_exceeded' | 'memory_exceeded';
  /** Completes "plugin <id> …". */
  message: string;
}

export interface EntryLimits {
  callTimeoutMs: number;
  /** Characters of host-call arguments one entry may copy out of the sandbox. */
  copyBudgetChars: number;
}

export class Entries {
  readonly #runtime: QuickJSRuntime;
  readonly #memory: MemoryGuard;
  readonly #hooks: EntryHooks;
  readonly #limits: EntryLimits;
  readonly #deadline: EntryDeadline;
  readonly #turns: HostTurns;
  #stop: EntryStop | undefined;
  #copied = 0;
  #busy = false;
  #finishing = false;
  #broken = false;

  constructor(
    runtime: QuickJSRuntime,
    memory: MemoryGuard,
    limits: EntryLimits,
    hooks: EntryHooks,
    cpu?: CpuClock,
  ) {
    this.#runtime = runtime;
    this.#memory = memory;
    this.#limits = limits;
    this.#hooks = hooks;
    this.#deadline = new EntryDeadline(cpu);
    this.#turns = new HostTurns(limits.callTimeoutMs);
    runtime.setInterruptHandler(
      () => this.#stop !== undefined || this.#deadline.passed() || memory.grewTooMuch(),
    );
  }

  /** True while the interpreter runs: a call now would be a re-entry. */
  get busy(): boolean {
    return this.#busy;
  }

  /** True once a host exception escaped the interpreter: never touch the runtime again. */
  get broken(): boolean {
    return this.#broken;
  }

  /** Why a host call stopped the plugin, once one did: the sandbox faults with it. */
  get stopped(): EntryStop | undefined {
    return this.#stop;
  }

  /**
   * Called by every host call, before and after its work: false when the entry must end now
   * (its deadline passed, time spent in host calls included). Costs a clock read.
   */
  checkpoint(op: string): boolean {
    if (this.#stop) return false;
    if (!this.#deadline.passed()) return true;
    this.#stop = {
      code: 'deadline_exceeded',
      message: `ran past its CPU deadline in host call ${op} and was interrupted`,
    };
    return false;
  }

  /** Charges `chars` of argument text about to be copied out; false when over the budget. */
  charge(op: string, chars: number): boolean {
    if (this.#stop) return false;
    this.#copied += chars;
    const budget = this.#limits.copyBudgetChars;
    if (this.#copied <= budget) return true;
    this.#stop = {
      code: 'memory_exceeded',
      message: `copied ${this.#copied} characters of host-call arguments out of its sandbox in one entry (the last in ${op}), over its limit of ${budget}`,
    };
    return false;
  }

  /** Runs one synchronous entry into the plugin under the CPU deadline, then its promise jobs. */
  enter<T>(run: () => T, timeoutMs = this.#limits.callTimeoutMs): T {
    const started = performance.now();
    this.#busy = true;
    this.#begin(timeoutMs, true);
    try {
      return this.#guard(run);
    } finally {
      this.#deadline.clear();
      this.#busy = false;
      this.#finishing = true;
      this.pump();
      this.#finishing = false;
      this.#turns.spend(performance.now() - started);
    }
  }

  /**
   * Runs the plugin's pending promise jobs, all under one CPU deadline. Jobs after a host reply
   * wait for the host's next turn once the plugin has had its share of this one.
   */
  pump(): void {
    if (!this.#hooks.alive() || this.#busy) return;
    if (!this.#finishing && this.#turns.spent) {
      this.#turns.defer(() => this.pump());
      return;
    }
    const runtime = this.#runtime;
    const started = performance.now();
    this.#busy = true;
    // The jobs that finish an entry belong to it; jobs after a host reply are a new entry.
    this.#begin(this.#limits.callTimeoutMs, !this.#finishing);
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
        if (this.#deadline.passed()) {
          this.#hooks.ranPastDeadline();
          return;
        }
      }
    } finally {
      this.#deadline.clear();
      this.#busy = false;
      if (this.#hooks.alive() && !this.#broken && this.#memory.overLimit(performance.now())) {
        this.#hooks.overMemory();
      }
      if (!this.#finishing) this.#turns.spend(performance.now() - started);
      this.#hooks.afterJobs();
    }
  }

  /**
   * Runs host-side reads of plugin values (getters, proxies) under a deadline of their own; an
   * entry it runs inside keeps its own deadline afterwards.
   */
  bounded<T>(run: () => T): T {
    const outer = this.#deadline.save();
    this.#deadline.start(this.#limits.callTimeoutMs);
    try {
      return run();
    } finally {
      this.#deadline.restore(outer);
    }
  }

  /** Cancels a deferred run of jobs: the sandbox is going. */
  dispose(): void {
    this.#turns.dispose();
  }

  /** Starts the CPU deadline and, for a new entry, the memory baseline and the copy budget. */
  #begin(timeoutMs: number, newEntry: boolean): void {
    this.#deadline.start(timeoutMs);
    if (newEntry) {
      this.#memory.enter();
      this.#copied = 0;
    }
  }

  /**
   * A host exception escaping the interpreter (the host's own stack overflowing under a deep
   * recursion, say, or an abort of the WebAssembly module) leaves the runtime in an unknown state.
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
