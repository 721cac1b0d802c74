/**
 * @module `telemetry.latest` for hub plugins: a point's newest reading among the batches its site's
 * edge has pushed to the hub (the newest few batches of the device are looked at). A reading is as
 * fresh as the site's last push, and older still while the site is offline; it carries its `ts`.
 */
import type { TelemetryPort, TelemetryReading } from '@heng/core';
import type { Principal } from '../auth/types.ts';
import type { Couch } from '../couch/index.ts';
import { telemetryPage } from '../sites/telemetry-pages.ts';
import type { SiteLookup } from './ports.ts';

/** Batches of the device looked at, newest first: a point not among them counts as unknown. */
const BATCHES_LOOKED_AT = 10;

/** The hub reading for its plugins; the broker has already checked the plugin's grant. */
const HUB_READER: Principal = { kind: 'user', id: 'hub', roles: [], clearance: 'secret' };

/** The latest readings of the sites' points, from the telemetry at the hub. */
export function pluginTelemetry(couch: Couch, sites: SiteLookup): TelemetryPort {
  return {
    async latest(path) {
      const [siteId, device, point] = path.split('/');
      if (!siteId || !device || !point) return undefined;
      const site = await sites.find(siteId);
      if (!site) return undefined;
      const { batches } = await telemetryPage(couch, site, HUB_READER, {
        limit: BATCHES_LOOKED_AT,
        order: 'desc',
        device,
      });
      for (const batch of batches) {
        // Readings in a batch are in the order they were taken: the last of the point is newest.
        const reading = batch.readings.findLast((r) => r.point === point);
        if (reading)
          return {
            site: siteId,
            device,
            ...reading,
            dataClass: site.dataClass ?? 'internal',
          } as TelemetryReading;
      }
      return undefined;
    },
  };
}
