/** @module The scheduler interface: one-shot timers, injectable. */

export type TimerHandle = { readonly timer: unknown };

/** Sets and clears one-shot timers. What `run` returns is awaited by a {@link ManualClock}. */
export interface Scheduler {
  setTimeout(run: () => unknown, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
