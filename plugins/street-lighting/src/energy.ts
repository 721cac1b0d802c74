/**
 * @module Energy accounting: integrates each lamp's power readings over time and keeps a daily
 * and a running total per site.
 */
import { localDay } from './local-time.ts';
import type { Lamp, SiteEnergy, Store } from './store.ts';

/**
 * Longest gap between two power readings that is integrated. A lamp that was silent for longer
 * (offline, or its edge was) is not assumed to have kept drawing power through the gap.
 */
export const MAX_GAP_MS = 15 * 60_000;

const MS_PER_HOUR = 3_600_000;

/**
 * Takes a power reading into the lamp's record and returns the energy (Wh) used since its
 * previous one: the previous power held until now (lamp power changes in steps, when it is
 * dimmed). A reading older than the last one is ignored and counts 0.
 */
export function integratePower(lamp: Lamp, watts: number, ts: string): number {
  const at = Date.parse(ts);
  const before = lamp.powerAt === undefined ? undefined : Date.parse(lamp.powerAt);
  if (before !== undefined && at < before) return 0;
  let wh = 0;
  if (before !== undefined && lamp.powerW !== undefined) {
    wh = (lamp.powerW * Math.min(at - before, MAX_GAP_MS)) / MS_PER_HOUR;
  }
  lamp.powerW = watts;
  lamp.powerAt = ts;
  lamp.energyWh += wh;
  return wh;
}

/**
 * Adds `wh` used at `ms` to the site's account. The day rolls over at local midnight; energy
 * that arrives late for an earlier day counts towards the total only.
 */
export async function addSiteEnergy(
  store: Store,
  site: string,
  wh: number,
  ms: number,
  utcOffsetMinutes: number,
): Promise<void> {
  const day = localDay(ms, utcOffsetMinutes);
  const account: SiteEnergy = (await store.energy(site)) ?? { site, day, todayWh: 0, totalWh: 0 };
  if (day > account.day) {
    account.previous = { day: account.day, wh: account.todayWh };
    account.day = day;
    account.todayWh = 0;
  }
  if (day === account.day) account.todayWh += wh;
  account.totalWh += wh;
  await store.putEnergy(account);
}

/** The site's energy used on `day`: 0 when its account has not counted that day. */
export function energyOn(account: SiteEnergy | undefined, day: string): number {
  if (!account) return 0;
  if (account.day === day) return account.todayWh;
  if (account.previous?.day === day) return account.previous.wh;
  return 0;
}

/** Rounds Wh for people to read: to the mWh. */
export function roundWh(wh: number): number {
  return Math.round(wh * 1000) / 1000;
}
