/**
 * @module The dimming round: every minute, each controlled lamp whose reported level is not the
 * plan's gets one command, within the granted rate, and is not asked again while it catches up.
 */
import type { HengApi } from '@heng/sdk';
import { planStep } from './plan.ts';
import { matchesAny } from './point-pattern.ts';
import type { Settings } from './settings.ts';
import type { Lamp, Store } from './store.ts';
import { POINTS } from './telemetry.ts';

/**
 * Commands per site in one round: the `count` of the manifest's command:write rate (30 per 60 s,
 * a test keeps them in step). Rounds are 60 s apart, so a round never needs more than the bucket
 * holds; lamps over the budget are dimmed in the next round.
 */
export const COMMANDS_PER_ROUND = 30;

/** A lamp that was sent a level and still reports another is asked again only after this long. */
export const RESEND_AFTER_MS = 5 * 60_000;

/** Levels closer than this count as equal: devices report scaled values, e.g. 49.8 for 50. */
const TOLERANCE = 0.5;

/** The code of a host refusal (`HengError` inside the sandbox), or `error` for anything else. */
function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

function needsCommand(lamp: Lamp, level: number, now: number, settings: Settings): boolean {
  if (lamp.level === undefined || Math.abs(lamp.level - level) < TOLERANCE) return false;
  if (!matchesAny(settings.controlPoints, `${lamp.site}/${lamp.device}/${POINTS.dimming}`)) {
    return false;
  }
  const last = lamp.commanded;
  return !last || last.level !== level || now - Date.parse(last.at) >= RESEND_AFTER_MS;
}

/** Sends the plan's level to every controlled lamp that is not at it; returns how many were sent. */
export async function applyPlan(
  now: number,
  settings: Settings,
  heng: HengApi,
  store: Store,
): Promise<number> {
  const step = planStep(settings.plan, now, settings.utcOffsetMinutes);
  if (!step) return 0;
  const commands = heng.commands!;
  const at = new Date(now).toISOString();
  const sentAt = new Map<string, number>();
  const limited = new Set<string>();
  let sent = 0;
  for (const lamp of await store.lamps()) {
    if (!needsCommand(lamp, step.level, now, settings)) continue;
    const { site, device } = lamp;
    const count = sentAt.get(site) ?? 0;
    if (limited.has(site) || count >= COMMANDS_PER_ROUND) continue;
    try {
      const receipt = await commands.send({
        point: `${site}/${device}/${POINTS.dimming}`,
        value: step.level,
        reason: `Dimming plan: ${step.level}% from ${step.from} local time (lamp reports ${lamp.level}%)`,
      });
      lamp.commanded = { level: step.level, at, id: receipt.id };
      sentAt.set(site, count + 1);
      sent++;
    } catch (err) {
      const code = codeOf(err);
      const message = String((err as Error)?.message ?? err);
      if (code === 'rate_limited') {
        // Over the granted rate: the rest of this site waits for the next round.
        limited.add(site);
        heng.log.warn(`command rate reached at ${site}; the other lamps follow next round`, {
          message,
        });
        continue;
      }
      // Refused or failed: remembered, so the lamp is not asked again before RESEND_AFTER_MS.
      lamp.commanded = { level: step.level, at, refused: code };
      heng.log.warn(`could not dim lamp ${site}/${device}`, { code, message });
    }
    await store.putLamp(lamp);
  }
  return sent;
}
