/**
 * @module Check: a net:fetch wildcard that covers a whole top-level domain, such as "*.com".
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

/** The "net-fetch-broad-wildcard" check (error); `description` says what it enforces. */
export const netFetchBroadWildcard: ManifestCheck = {
  id: 'net-fetch-broad-wildcard',
  severity: 'error',
  description:
    'A "*." host wildcard sits below a registrable domain, never directly on a top-level domain.',
  check(manifest) {
    const findings: Finding[] = [];
    for (const { value, path } of permissionsOf(manifest)) {
      if (value.capability !== 'net:fetch' || !Array.isArray(value.hosts)) continue;
      value.hosts.forEach((host, i) => {
        if (typeof host !== 'string' || !host.startsWith('*.')) return;
        const domain = host.slice(2).replace(/:\d+$/, '');
        if (domain.includes('.')) return;
        findings.push({
          path: `${path}/hosts/${i}`,
          message: `"${host}" would let the plugin fetch from every host under ".${domain}"; list the hosts, or a wildcard below a domain you name, like "*.weather.example"`,
        });
      });
    }
    return findings;
  },
};
