/**
 * @module Check: the same capability asked for twice (merged into one permission).
 */
import type { Permission, PluginManifest } from '../../../generated/types.ts';
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

const REASON_MAX = 500;

// Two command:write permissions with different rates are deliberate (a rate per group of
// points), so the rate is part of what makes a permission "the same".
function groupKey(permission: Permission): string {
  return permission.capability === 'command:write'
    ? `command:write ${JSON.stringify(permission.rate)}`
    : permission.capability;
}

function union<T>(
  a: unknown,
  b: unknown,
  key: (item: T) => string = (item) => JSON.stringify(item),
): T[] {
  const seen = new Map<string, T>();
  for (const item of [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])] as T[]) {
    if (!seen.has(key(item))) seen.set(key(item), item);
  }
  return [...seen.values()];
}

/** Folds `extra` into `kept`: the union of both grants, nothing more. */
function merge(kept: Permission, extra: Permission): void {
  const k = kept as unknown as Record<string, unknown>;
  const e = extra as unknown as Record<string, unknown>;
  for (const field of ['points', 'topics', 'hosts', 'panels', 'routes', 'schedules']) {
    if (field in k || field in e) k[field] = union(k[field], e[field]);
  }
  if (kept.capability === 'storage' && extra.capability === 'storage') {
    if (kept.quotaKiB !== undefined || extra.quotaKiB !== undefined) {
      kept.quotaKiB = Math.max(kept.quotaKiB ?? 1024, extra.quotaKiB ?? 1024);
    }
  }
  const reasons = union<string>([kept.reason].filter(Boolean), [extra.reason].filter(Boolean));
  const joined = reasons.join('; ');
  if (reasons.length > 0) kept.reason = joined.length <= REASON_MAX ? joined : reasons[0];
}

/** The "duplicate-capability" check (warning); `description` says what it enforces. */
export const duplicateCapability: ManifestCheck = {
  id: 'duplicate-capability',
  severity: 'warning',
  description:
    'Each capability is asked for once (command:write once per rate), so the administrator sees one entry per grant.',
  check(manifest) {
    const first = new Map<string, { path: string; value: Permission }>();
    const findings: Finding[] = [];
    for (const located of permissionsOf(manifest)) {
      const key = groupKey(located.value);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, located);
        continue;
      }
      const kept = earlier.value;
      const extra = located.value;
      findings.push({
        path: located.path,
        message: `asks for "${extra.capability}" again (already at ${earlier.path}); one permission per capability is clearer at consent`,
        fixText: `merge it into ${earlier.path}`,
        fix: (m: PluginManifest) => {
          merge(kept, extra);
          m.permissions = m.permissions.filter((p) => p !== extra);
        },
      });
    }
    return findings;
  },
};
