/** @module A site's health in one word, from its sync state, and its sync progress each way. */
import type { LiveSite } from '../live/index.ts';

/** A site as the overview lists it. */
export interface SiteRow {
  id: string;
  name: string;
  organisation?: string;
  sync: LiveSite['sync'];
}

/** healthy, lagging (online but its last report is old or much is waiting), offline or unknown. */
export type Health = 'healthy' | 'lagging' | 'offline' | 'unknown';

/** Reports older than this, or this many waiting documents, make an online site "lagging". */
export const LAG_LIMIT_MS = 5 * 60_000;
export const PENDING_LIMIT = 1000;

/** The site's health. */
export function healthOf(sync: SiteRow['sync']): Health {
  if (!sync.lastSeen) return 'unknown';
  if (!sync.online) return 'offline';
  const waiting = (sync.pending.push ?? 0) + (sync.pending.pull ?? 0);
  if ((sync.lagMs ?? 0) > LAG_LIMIT_MS || waiting > PENDING_LIMIT) return 'lagging';
  return 'healthy';
}

/**
 * Progress of one direction towards "in sync": `peak` is the most seen waiting since the shell
 * opened, so the bar fills as the backlog drains (the hub reports only the current count).
 */
export function progressOf(
  pending: number | null,
  peak: number,
): { value: number; max: number } | null {
  if (pending === null) return null;
  const max = Math.max(peak, pending, 1);
  return { value: max - pending, max };
}
