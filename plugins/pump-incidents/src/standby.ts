/**
 * @module Starting the standby pump of a station whose alarm opened an incident: one command per
 * incident, retried only when the refusal may pass (a rate limit, a host that was busy).
 */
import { type HengApi, isHostError } from '@heng/sdk';
import type { Settings } from './settings.ts';
import type { Incident } from './store.ts';

// Refusals that another try would only repeat: the grant, the point or the value is wrong.
const FINAL_REFUSALS: ReadonlySet<string> = new Set([
  'permission_denied',
  'invalid_input',
  'not_found',
]);

/** The operator-facing reason of the start command, e.g. in the audit log. */
export function startReason(incident: Incident): string {
  const level = incident.waterLevel === undefined ? '' : ` (water level ${incident.waterLevel} m)`;
  return `Flooding incident ${incident.id}: high-water alarm at ${incident.site}${level}; starting the standby pump`.slice(
    0,
    500,
  );
}

/**
 * Sends the start command of `incident`'s standby pump unless it was sent or refused for good,
 * and records what happened on the incident (the caller stores it).
 */
export async function startStandby(
  incident: Incident,
  settings: Settings,
  heng: HengApi,
  now: number,
): Promise<void> {
  const standby = incident.standby;
  if (!standby || standby.sent || standby.refused) return;
  const at = new Date(now).toISOString();
  try {
    const receipt = await heng.commands!.send({
      point: standby.point,
      value: settings.startValue,
      reason: startReason(incident),
    });
    standby.sent = { id: receipt.id, at };
    heng.log.info('standby pump start sent', {
      incident: incident.id,
      point: standby.point,
      command: receipt.id,
    });
  } catch (error) {
    if (!isHostError(error)) throw error;
    const final = FINAL_REFUSALS.has(error.code);
    if (final) standby.refused = { code: error.code, at };
    heng.log.warn(
      `standby pump start refused at ${standby.point}${final ? '' : '; trying again in the next round'}`,
      { incident: incident.id, code: error.code, message: error.message },
    );
  }
}
