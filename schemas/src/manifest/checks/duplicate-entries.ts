/**
 * @module Check: a point, topic, host, panel, route or schedule listed twice in one permission.
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

const LIST_FIELDS = ['points', 'topics', 'hosts', 'panels', 'routes', 'schedules'] as const;

/** The "duplicate-entries" check (warning); `description` says what it enforces. */
export const duplicateEntries: ManifestCheck = {
  id: 'duplicate-entries',
  severity: 'warning',
  description: 'A permission lists each point, topic, host, panel, route and schedule once.',
  check(manifest) {
    const findings: Finding[] = [];
    for (const { value, path } of permissionsOf(manifest)) {
      const record = value as unknown as Record<string, unknown>;
      for (const field of LIST_FIELDS) {
        const list = record[field];
        if (!Array.isArray(list)) continue;
        const seen = new Map<string, number>();
        list.forEach((item, i) => {
          const key = JSON.stringify(item);
          const earlier = seen.get(key);
          if (earlier === undefined) {
            seen.set(key, i);
            return;
          }
          findings.push({
            path: `${path}/${field}/${i}`,
            message: `repeats ${key} (already at ${path}/${field}/${earlier})`,
            fixText: `remove the repeats from ${path}/${field}`,
            fix: () => {
              const kept = new Set<string>();
              record[field] = list.filter((entry) => {
                const k = JSON.stringify(entry);
                if (kept.has(k)) return false;
                kept.add(k);
                return true;
              });
            },
          });
        });
      }
    }
    return findings;
  },
};
