/**
 * @module Check: a net:fetch host on the site's own network (private, loopback, link-local).
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';
import { localNetworkReason } from './private-address.ts';

/** The "net-fetch-private-host" check (error); `description` says what it enforces. */
export const netFetchPrivateHost: ManifestCheck = {
  id: 'net-fetch-private-host',
  severity: 'error',
  description:
    "net:fetch hosts are public: plugins may not reach the site's LAN (private, loopback, link-local addresses or local names).",
  check(manifest) {
    const findings: Finding[] = [];
    for (const { value, path } of permissionsOf(manifest)) {
      if (value.capability !== 'net:fetch' || !Array.isArray(value.hosts)) continue;
      value.hosts.forEach((host, i) => {
        const reason = typeof host === 'string' ? localNetworkReason(host) : undefined;
        if (!reason) return;
        findings.push({
          path: `${path}/hosts/${i}`,
          message: `"${host}" is in the ${reason}: plugins may not reach the site's own network; read devices through telemetry:read instead`,
        });
      });
    }
    return findings;
  },
};
