/**
 * @module The public energy report: each site's energy use, published on `lighting/energy/<site>`
 * once per configured interval, counted from local midnight.
 */
import type { HengApi } from '@heng/sdk';
import { energyOn, roundWh } from './energy.ts';
import { localDay } from './local-time.ts';
import type { Settings } from './settings.ts';
import type { Store } from './store.ts';

export const energyTopic = (site: string) => `lighting/energy/${site}`;

/**
 * Publishes the energy reports when `now` has entered a new interval since the last report.
 * The first call after install only starts counting, so the first report covers a whole interval.
 * @returns the sites reported.
 */
export async function reportEnergy(
  now: number,
  settings: Settings,
  heng: HengApi,
  store: Store,
): Promise<string[]> {
  const intervalMs = settings.energyReportMinutes * 60_000;
  const slot = Math.floor((now + settings.utcOffsetMinutes * 60_000) / intervalMs);
  const last = await store.reportSlot();
  if (last?.slot === slot) return [];
  await store.putReportSlot(slot);
  if (last === undefined) return [];
  const day = localDay(now, settings.utcOffsetMinutes);
  const lamps = await store.lamps();
  const accounts = new Map((await store.energies()).map((a) => [a.site, a]));
  const sites = [...new Set([...lamps.map((l) => l.site), ...accounts.keys()])].sort();
  const reported: string[] = [];
  for (const site of sites) {
    const account = accounts.get(site);
    const here = lamps.filter((lamp) => lamp.site === site);
    const payload = {
      site,
      day,
      todayWh: roundWh(energyOn(account, day)),
      totalWh: roundWh(account?.totalWh ?? 0),
      lamps: here.length,
      faulty: here.filter((lamp) => lamp.fault).length,
      at: new Date(now).toISOString(),
    };
    try {
      await heng.events!.publish(energyTopic(site), payload, {
        title: `Street lighting at ${site}: ${payload.todayWh} Wh today`,
        dataClass: 'public',
      });
      reported.push(site);
    } catch (err) {
      heng.log.warn(`could not publish the energy report of ${site}`, {
        error: String((err as Error)?.message ?? err),
      });
    }
  }
  return reported;
}
