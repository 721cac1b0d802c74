/** @module A clock that moves only when told to, running due timers in order as it goes. */
import type { Clock } from '../capabilities/types.ts';
import type { Scheduler, TimerHandle } from './scheduler.ts';

interface Pending {
  at: number;
  seq: number;
  run: () => unknown;
  handle: TimerHandle;
}

/**
 * @example
 * const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
 * clock.setTimeout(() => console.log('a minute later'), 60_000);
 * await clock.advance(60_000); // prints
 */
export class ManualClock implements Clock, Scheduler {
  #now: number;
  #seq = 0;
  #pending: Pending[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(run: () => unknown, ms: number): TimerHandle {
    const handle: TimerHandle = { timer: this.#seq };
    this.#pending.push({ at: this.#now + Math.max(0, ms), seq: this.#seq++, run, handle });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#pending = this.#pending.filter((p) => p.handle !== handle);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.#pending.length;
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due, earliest first, and waiting
   * for the work each one started (the promise it returned) before time moves on.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#nextDue(target);
      if (!next) break;
      this.#pending.splice(this.#pending.indexOf(next), 1);
      this.#now = next.at;
      try {
        await next.run();
      } catch {
        // A timer's failure is its owner's to report; time goes on.
      }
    }
    this.#now = target;
  }

  #nextDue(target: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.#pending) {
      if (p.at > target) continue;
      if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    return best;
  }
}
