/**
 * @module Check: one schedule name with two different intervals.
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

/** The "schedule-name-clash" check (error); `description` says what it enforces. */
export const scheduleNameClash: ManifestCheck = {
  id: 'schedule-name-clash',
  severity: 'error',
  description: "Each schedule name has one interval: the plugin's handler is looked up by name.",
  check(manifest) {
    const findings: Finding[] = [];
    const byName = new Map<string, { every: unknown; path: string }>();
    for (const { value, path } of permissionsOf(manifest)) {
      if (value.capability !== 'schedule' || !Array.isArray(value.schedules)) continue;
      value.schedules.forEach((schedule, i) => {
        const earlier = byName.get(schedule?.name);
        if (!earlier) {
          byName.set(schedule?.name, {
            every: schedule?.everySeconds,
            path: `${path}/schedules/${i}`,
          });
        } else if (earlier.every !== schedule?.everySeconds) {
          findings.push({
            path: `${path}/schedules/${i}/everySeconds`,
            message: `gives schedule "${schedule.name}" a second interval (${schedule.everySeconds} s, but ${String(earlier.every)} s at ${earlier.path}); rename one of them`,
          });
        }
      });
    }
    return findings;
  },
};
