/**
 * @module Check: sandbox limits outside what the platform can give.
 */
import { clampLimit, LIMIT_NAMES, PLATFORM_FLOORS } from '../limits.ts';
import type { Finding, ManifestCheck } from '../types.ts';

/** The "limits-ceiling" check (error); `description` says what it enforces. */
export const limitsCeiling: ManifestCheck = {
  id: 'limits-ceiling',
  severity: 'error',
  description: "limits stay within the platform's floors and ceilings; the fix clamps them.",
  check(manifest, { ceilings }) {
    const limits = manifest.limits as Record<string, unknown> | undefined;
    if (limits === null || typeof limits !== 'object') return [];
    const findings: Finding[] = [];
    for (const name of LIMIT_NAMES) {
      const asked = limits[name];
      if (typeof asked !== 'number' || !Number.isFinite(asked)) continue;
      const allowed = clampLimit(name, asked, ceilings);
      if (allowed === asked) continue;
      const bound =
        asked > allowed
          ? `above the ceiling of ${ceilings[name]}`
          : `below the floor of ${PLATFORM_FLOORS[name]}`;
      findings.push({
        path: `/limits/${name}`,
        message: `asks for ${asked}, ${bound}`,
        fixText: `set it to ${allowed}`,
        fix: (m) => {
          if (m.limits) m.limits[name] = allowed;
        },
      });
    }
    return findings;
  },
};
