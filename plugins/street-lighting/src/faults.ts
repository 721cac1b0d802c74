/**
 * @module Lamp faults: one event when a lamp's fault appears, one when it clears, whatever the
 * number of readings in between.
 */
import type { HengApi } from '@heng/sdk';
import type { Settings } from './settings.ts';
import type { Lamp } from './store.ts';

/** Topics of the fault events, per lamp. */
export const faultTopic = (site: string, device: string) => `lighting/fault/${site}/${device}`;
export const faultClearedTopic = (site: string, device: string) =>
  `lighting/fault-cleared/${site}/${device}`;

/**
 * Updates the lamp's fault state from a reported flag, publishing an event when it changes. If
 * the event cannot be published the state is left as it was, so the next reading tries again:
 * a fault is never recorded without having been announced.
 */
export async function publishFaultChange(
  lamp: Lamp,
  fault: boolean,
  ts: string,
  settings: Settings,
  heng: HengApi,
): Promise<void> {
  if (fault === lamp.fault) return;
  const events = heng.events!;
  const { site, device } = lamp;
  try {
    if (fault) {
      await events.publish(
        faultTopic(site, device),
        { site, device, since: ts },
        { level: settings.faultLevel, title: `Lamp ${device} at ${site} has failed` },
      );
      lamp.fault = true;
      lamp.faultSince = ts;
    } else {
      await events.publish(
        faultClearedTopic(site, device),
        { site, device, since: lamp.faultSince ?? null, clearedAt: ts },
        { title: `Lamp ${device} at ${site} works again` },
      );
      lamp.fault = false;
      delete lamp.faultSince;
    }
  } catch (err) {
    heng.log.warn(`could not announce the fault change of lamp ${site}/${device}; will retry`, {
      fault,
      error: String((err as Error)?.message ?? err),
    });
  }
}
