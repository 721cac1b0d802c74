/**
 * @module The minute round: closes the incidents whose site has had no alarm for the quiet time,
 * and finishes what an earlier step could not (an announcement, a pump start the host deferred).
 */
import type { HengApi } from '@heng/sdk';
import { announceClosed, announceOpened } from './announce.ts';
import type { Settings } from './settings.ts';
import { startStandby } from './standby.ts';
import type { Store } from './store.ts';

/** Runs the round at `now`. */
export async function closeQuietIncidents(
  now: number,
  settings: Settings,
  heng: HengApi,
  store: Store,
): Promise<void> {
  const quietMs = settings.closeAfterMinutes * 60_000;
  for (const incident of await store.opens()) {
    const before = JSON.stringify(incident);
    // Never a "closed" without its "opened": operators would see an incident end that never began.
    await announceOpened(incident, heng);
    const quiet = now - Date.parse(incident.lastAlarmAt) >= quietMs;
    if (quiet && incident.announced) {
      const closedAt = new Date(now).toISOString();
      if (await announceClosed(incident, closedAt, settings.closeAfterMinutes, heng)) {
        await store.close({ ...incident, closedAt });
        heng.log.info('flooding incident closed', { incident: incident.id });
        continue;
      }
    }
    // Once the site is quiet the pump is not started any more: the flood it was for is over.
    if (!quiet) await startStandby(incident, settings, heng, now);
    if (JSON.stringify(incident) !== before) await store.putOpen(incident);
  }
}
