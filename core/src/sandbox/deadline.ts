/**
 * @module The CPU deadline of one entry into a plugin's interpreter. Wall time is read on every
 * check (cheap); only once it passes the deadline is the CPU clock read, and while the thread has
 * computed less than the budget (it was kept waiting), the next look is moved to when the rest
 * could be used up. Wall time still caps an entry, so a broken clock cannot disarm it.
 */
import type { CpuClock } from './cpu-clock.ts';

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

/** A deadline as it stood, to be put back after a nested one (see {@link EntryDeadline.save}). */
export interface SavedDeadline {
  deadline: number;
  wallCap: number;
  cpuStart: number;
  timeoutMs: number;
}

export class EntryDeadline {
  readonly #cpu: CpuClock | undefined;
  /** Wall time at which to look again: the deadline itself without a CPU clock. */
  #deadline = Number.POSITIVE_INFINITY;
  #wallCap = Number.POSITIVE_INFINITY;
  #cpuStart = 0;
  #cpuReadAt = Number.NEGATIVE_INFINITY;
  #timeoutMs = 0;

  constructor(cpu: CpuClock | undefined) {
    this.#cpu = cpu;
  }

  /** Starts a deadline of `timeoutMs` of CPU time from now. */
  start(timeoutMs: number): void {
    const now = performance.now();
    this.#timeoutMs = timeoutMs;
    this.#deadline = now + timeoutMs;
    this.#wallCap = now + Math.max(MIN_WALL_CAP_MS, timeoutMs * WALL_CAP_FACTOR);
    if (this.#cpu && now - this.#cpuReadAt > CPU_BASELINE_MAX_AGE_MS) {
      this.#cpuStart = this.#cpu();
      this.#cpuReadAt = now;
    }
  }

  /** No deadline: outside any entry. */
  clear(): void {
    this.#deadline = Number.POSITIVE_INFINITY;
    this.#wallCap = Number.POSITIVE_INFINITY;
  }

  /** Whether the entry has used up its time (see the module comment). */
  passed(): boolean {
    const now = performance.now();
    if (now <= this.#deadline) return false;
    if (!this.#cpu || now > this.#wallCap) return true;
    const left = this.#timeoutMs - (this.#cpu() - this.#cpuStart);
    if (left <= 0) return true;
    this.#deadline = now + left;
    return false;
  }

  save(): SavedDeadline {
    return {
      deadline: this.#deadline,
      wallCap: this.#wallCap,
      cpuStart: this.#cpuStart,
      timeoutMs: this.#timeoutMs,
    };
  }

  restore(saved: SavedDeadline): void {
    this.#deadline = saved.deadline;
    this.#wallCap = saved.wallCap;
    this.#cpuStart = saved.cpuStart;
    this.#timeoutMs = saved.timeoutMs;
  }
}
