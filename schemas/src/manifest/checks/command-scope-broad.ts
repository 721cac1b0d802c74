/**
 * @module Check: a command:write pattern that covers every point of every device.
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

const EVERYTHING = new Set(['#', '+/#', '+/+/#', '+/+/+']);

/** The "command-scope-broad" check (warning); `description` says what it enforces. */
export const commandScopeBroad: ManifestCheck = {
  id: 'command-scope-broad',
  severity: 'warning',
  description:
    'command:write names the points it drives; a pattern that matches every point is flagged for review.',
  check(manifest) {
    const findings: Finding[] = [];
    for (const { value, path } of permissionsOf(manifest)) {
      if (value.capability !== 'command:write' || !Array.isArray(value.points)) continue;
      value.points.forEach((pattern, i) => {
        if (!EVERYTHING.has(pattern)) return;
        findings.push({
          path: `${path}/points/${i}`,
          message: `"${pattern}" lets the plugin command every point of every device; name the points it drives, e.g. "+/+/dimming"`,
        });
      });
    }
    return findings;
  },
};
