/**
 * @module On a high-water alarm: opens the site's flooding incident, announces it and starts the
 * standby pump; a repeat alarm while it is open only keeps it open.
 */
import type { HengApi } from '@heng/sdk';
import type { Alarm } from './alarm.ts';
import { announceOpened } from './announce.ts';
import type { Settings } from './settings.ts';
import { startStandby } from './standby.ts';
import type { Incident, Store } from './store.ts';

const higher = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/** Acts on one alarm that reached the hub at `now`. */
export async function respondToAlarm(
  alarm: Alarm,
  now: number,
  settings: Settings,
  heng: HengApi,
  store: Store,
): Promise<void> {
  const at = new Date(now).toISOString();
  const open = await store.open(alarm.site);
  if (open) {
    // The quiet time counts from when an alarm reached the hub, not from the edge's clock: an
    // alarm held back while the site was offline still keeps its incident open for the full time.
    const waterLevel = higher(open.waterLevel, alarm.waterLevel);
    await store.putOpen({
      ...open,
      lastAlarmAt: at,
      alarms: open.alarms + 1,
      ...(waterLevel === undefined ? {} : { waterLevel }),
    });
    heng.log.info('repeat high-water alarm; the incident stays open', {
      incident: open.id,
      alarm: alarm.eventId,
    });
    return;
  }
  const incident: Incident = {
    id: `${alarm.site}:${alarm.eventId}`,
    site: alarm.site,
    alarm: alarm.eventId,
    openedAt: at,
    raisedAt: alarm.raisedAt,
    lastAlarmAt: at,
    alarms: 1,
    ...(alarm.device === undefined
      ? {}
      : {
          device: alarm.device,
          standby: { point: `${alarm.site}/${alarm.device}/${settings.standbyPoint}` },
        }),
    ...(alarm.waterLevel === undefined ? {} : { waterLevel: alarm.waterLevel }),
    ...(alarm.setpoint === undefined ? {} : { setpoint: alarm.setpoint }),
  };
  // Stored before anything is sent: a second alarm finds it, and the round finishes what a
  // failure here leaves undone.
  await store.putOpen(incident);
  heng.log.info('flooding incident opened', { incident: incident.id, site: incident.site });
  if (!incident.standby) {
    heng.log.warn('the alarm names no device, so no standby pump is started', {
      incident: incident.id,
    });
  }
  await announceOpened(incident, heng);
  await startStandby(incident, settings, heng, now);
  await store.putOpen(incident);
}
