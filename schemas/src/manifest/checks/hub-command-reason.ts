/**
 * @module Check: a hub plugin that commands devices without saying why.
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

/** The "hub-command-reason" check (warning); `description` says what it enforces. */
export const hubCommandReason: ManifestCheck = {
  id: 'hub-command-reason',
  severity: 'warning',
  description:
    'A plugin that runs at the hub and sends commands says why in the permission\'s "reason": from the hub it can reach every site.',
  check(manifest) {
    if (!Array.isArray(manifest.runsOn) || !manifest.runsOn.includes('hub')) return [];
    const findings: Finding[] = [];
    for (const { value, path } of permissionsOf(manifest)) {
      if (
        value.capability !== 'command:write' ||
        (typeof value.reason === 'string' && value.reason.trim())
      )
        continue;
      findings.push({
        path: `${path}/reason`,
        message:
          'is missing: this plugin runs at the hub and commands field devices, so say why in "reason" for the administrator who consents',
      });
    }
    return findings;
  },
};
