/**
 * @module Reads a `pump/high-level` event (raised by the reference pumping flow at a site and
 * replicated up to the hub) into the alarm the plugin acts on, or says why it cannot.
 */
import type { HengEvent } from '@heng/sdk';

/** The topic of a pumping station's high-water alarm. */
export const ALARM_TOPIC = 'pump/high-level';

/** A high-water alarm at one site. */
export interface Alarm {
  /** The alarm event's id, kept on the incident it opened. */
  eventId: string;
  site: string;
  /** The station that raised it; without one the standby pump cannot be started. */
  device?: string;
  /** Water level in the wet well when it was raised, m. */
  waterLevel?: number;
  /** The level the flow compares against, m. */
  setpoint?: number;
  /** When the edge raised it (the edge's clock). */
  raisedAt: string;
}

// Site and device ids become segments of a point path: the same rule as the schemas' Identifier.
const IDENTIFIER = /^[A-Za-z0-9_.-]{1,128}$/;

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * The alarm an event carries, or a sentence saying why it carries none.
 *
 * @example
 * alarmOf({ topic: 'pump/high-level', site: 'pumping-01', payload: { device: 'pump-01', waterLevel: 4.2 }, ... })
 * // { site: 'pumping-01', device: 'pump-01', waterLevel: 4.2, ... }
 */
export function alarmOf(event: HengEvent): Alarm | string {
  if (event.topic !== ALARM_TOPIC) return `topic '${event.topic}' is not ${ALARM_TOPIC}`;
  const site = event.site;
  if (typeof site !== 'string' || !IDENTIFIER.test(site)) {
    return `event ${event.id} on ${ALARM_TOPIC} names no site (event.site), so no incident can be opened for it`;
  }
  const payload = event.payload as Record<string, unknown>;
  const device = typeof payload['device'] === 'string' ? payload['device'] : undefined;
  const waterLevel = finite(payload['waterLevel']);
  const setpoint = finite(payload['setpoint']);
  return {
    eventId: event.id,
    site,
    ...(device !== undefined && IDENTIFIER.test(device) ? { device } : {}),
    ...(waterLevel !== undefined ? { waterLevel } : {}),
    ...(setpoint !== undefined ? { setpoint } : {}),
    raisedAt: event.ts,
  };
}
