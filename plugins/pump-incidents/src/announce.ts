/**
 * @module The incident notices operators see: `incident/flooding/opened` and
 * `incident/flooding/closed`, at the incident's response level.
 */
import { type HengApi, isHostError, type Json } from '@heng/sdk';
import type { Incident } from './store.ts';

/** Response level of a flooding incident (graded response: level II of four). */
export const INCIDENT_LEVEL = 2;

export const OPENED_TOPIC = 'incident/flooding/opened';
export const CLOSED_TOPIC = 'incident/flooding/closed';

const metres = (value: number) => `${Math.round(value * 100) / 100} m`;

/** One line for people, e.g. "Flooding risk at pumping-01: wet-well level 4.25 m (setpoint 3.5 m)". */
export function openedTitle(incident: Incident): string {
  const level =
    incident.waterLevel === undefined
      ? 'high-water alarm'
      : `wet-well level ${metres(incident.waterLevel)}${incident.setpoint === undefined ? '' : ` (setpoint ${metres(incident.setpoint)})`}`;
  return `Flooding risk at ${incident.site}: ${level}`.slice(0, 200);
}

// The event has no site of its own when a plugin publishes it, so the payload names it.
function detailsOf(incident: Incident): { [key: string]: Json } {
  return {
    incident: incident.id,
    site: incident.site,
    ...(incident.device === undefined ? {} : { device: incident.device }),
    ...(incident.waterLevel === undefined ? {} : { waterLevel: incident.waterLevel }),
    ...(incident.setpoint === undefined ? {} : { setpoint: incident.setpoint }),
    openedAt: incident.openedAt,
  };
}

/**
 * Publishes that `incident` opened, unless it was published already, and records the event's id
 * on it. A refusal by the host is logged and left for the next round to try again.
 */
export async function announceOpened(incident: Incident, heng: HengApi): Promise<void> {
  if (incident.announced) return;
  const payload = {
    ...detailsOf(incident),
    alarm: incident.alarm,
    raisedAt: incident.raisedAt,
    ...(incident.standby ? { standbyPoint: incident.standby.point } : {}),
  };
  const published = await publish(heng, OPENED_TOPIC, payload, openedTitle(incident));
  if (published) incident.announced = published;
}

/** Publishes that `incident` closed at `closedAt`; whether it could. */
export async function announceClosed(
  incident: Incident,
  closedAt: string,
  quietMinutes: number,
  heng: HengApi,
): Promise<boolean> {
  const payload = {
    ...detailsOf(incident),
    closedAt,
    lastAlarmAt: incident.lastAlarmAt,
    alarms: incident.alarms,
    quietMinutes,
  };
  const title =
    `Flooding incident at ${incident.site} closed: no high-water alarm for ${quietMinutes} minutes`.slice(
      0,
      200,
    );
  return (await publish(heng, CLOSED_TOPIC, payload, title)) !== undefined;
}

async function publish(
  heng: HengApi,
  topic: string,
  payload: { [key: string]: Json },
  title: string,
): Promise<string | undefined> {
  try {
    const { id } = await heng.events!.publish(topic, payload, { level: INCIDENT_LEVEL, title });
    return id;
  } catch (error) {
    if (!isHostError(error)) throw error;
    heng.log.warn(`could not publish ${topic}; trying again in the next round`, {
      incident: payload['incident'] ?? null,
      code: error.code,
      message: error.message,
    });
    return undefined;
  }
}
