/**
 * @module Time for the core: a clock to read and a scheduler to wait on, both injectable so that
 * tests and the SDK harness drive time by hand instead of sleeping.
 */
import type { Clock } from '../capabilities/types.ts';
import type { Scheduler } from './scheduler.ts';

export { type Clock, systemClock } from '../capabilities/types.ts';
export { ManualClock } from './manual.ts';

export type { Scheduler, TimerHandle } from './scheduler.ts';

export const systemScheduler: Scheduler = {
  setTimeout: (run, ms) => ({ timer: setTimeout(run, ms) }),
  clearTimeout: (handle) => clearTimeout(handle.timer as ReturnType<typeof setTimeout>),
};

/** A clock that also schedules. */
export type Timekeeper = Clock & Scheduler;

export const systemTime: Timekeeper = { now: () => Date.now(), ...systemScheduler };
