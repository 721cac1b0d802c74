/**
 * @module Which points of a device are read together: those with the same poll interval (their
 * own `pollMs`, else the profile's `defaults.pollMs`, else one second), each set planned and
 * scheduled on its own, so a firmware string read hourly does not ride along every second.
 */
import type { DeviceProfile } from '@heng/schemas';

/** Used when neither a point nor its profile sets `pollMs`. */
export const DEFAULT_POLL_MS = 1000;

/** The readable points read every `intervalMs`, in the profile's order. */
export interface PollGroup {
  intervalMs: number;
  points: string[];
}

/** The profile's poll interval: what a point without its own `pollMs` is read at. */
export function profilePollMs(profile: DeviceProfile): number {
  return profile.defaults?.pollMs ?? DEFAULT_POLL_MS;
}

/**
 * The device's readable points grouped by interval, shortest first.
 *
 * @example pollGroups(streetlight) // [{ intervalMs: 5000, points: ['dimming', …] }, { intervalMs: 60000, points: ['energy'] }, …]
 */
export function pollGroups(profile: DeviceProfile): PollGroup[] {
  const fallback = profilePollMs(profile);
  const groups = new Map<number, string[]>();
  for (const point of profile.points) {
    if (point.access === 'write') continue;
    const intervalMs = point.pollMs ?? fallback;
    const names = groups.get(intervalMs);
    if (names) names.push(point.name);
    else groups.set(intervalMs, [point.name]);
  }
  return [...groups]
    .sort(([a], [b]) => a - b)
    .map(([intervalMs, points]) => ({ intervalMs, points }));
}
