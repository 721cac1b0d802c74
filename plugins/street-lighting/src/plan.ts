/** @module The dimming plan: which level the lamps should be at, at a given moment. */
import { minuteOfDay, parseClock } from './local-time.ts';
import type { PlanStep } from './settings.ts';

/**
 * The plan's step in force at `ms` (host time): the one with the latest `from` at or before
 * the local time of day; before the day's first step, the day's last step still holds (it runs
 * past midnight). Steps need not be in order; of two with the same `from`, the later one wins.
 * Undefined for a plan without a valid step.
 * @example
 * const plan = [{ from: '18:00', level: 100 }, { from: '23:00', level: 50 }];
 * planStep(plan, Date.parse('2026-01-01T17:00:00Z'), 480);
 * // { from: '23:00', level: 50 }: it is 01:00 local, the step of the night before still holds
 */
export function planStep(
  plan: readonly PlanStep[],
  ms: number,
  utcOffsetMinutes: number,
): PlanStep | undefined {
  const now = minuteOfDay(ms, utcOffsetMinutes);
  let today: { at: number; step: PlanStep } | undefined;
  let last: { at: number; step: PlanStep } | undefined;
  for (const step of plan) {
    const at = parseClock(step.from);
    if (at === undefined) continue;
    if (!last || at >= last.at) last = { at, step };
    if (at <= now && (!today || at >= today.at)) today = { at, step };
  }
  return (today ?? last)?.step;
}
