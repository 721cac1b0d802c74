/**
 * @module What the palette's nodes reach at a site: its telemetry store and event bus. Inside
 * `heng-edge start` they are the edge's own (handed over in Node-RED's settings as `hengEdge`); in
 * a stock Node-RED the site config node opens a store of its own under its data folder.
 */
import { EventBus } from '@heng/core';
import { SegmentedTelemetry, TelemetryStore } from '../store/index.ts';
import type { FlowDevices } from './flow-devices.ts';
import type { NodeRedRuntime } from './node-red-api.ts';

export interface SiteServices {
  site: string;
  telemetry: TelemetryStore;
  bus: EventBus;
  /** Where deployed `heng-device` nodes are listed for commands; the edge's own, else none. */
  devices?: FlowDevices;
}

/** Services of stock Node-RED installs, one per site id and folder, closed with the last user. */
const own = new Map<
  string,
  { services: SiteServices; segments: SegmentedTelemetry; users: number }
>();

export function siteServices(RED: NodeRedRuntime, site: string, dataDir: string): SiteServices {
  const provided = RED.settings['hengEdge'] as SiteServices | undefined;
  if (provided) return provided;
  const key = `${site}\u0000${dataDir}`;
  let entry = own.get(key);
  if (!entry) {
    const segments = new SegmentedTelemetry(dataDir);
    const telemetry = new TelemetryStore({ site, segment: (name) => segments.segment(name) });
    entry = { services: { site, telemetry, bus: new EventBus() }, segments, users: 0 };
    own.set(key, entry);
  }
  entry.users++;
  return entry.services;
}

/** Lets go of services `siteServices` opened; the last one out closes them. */
export async function releaseSiteServices(
  RED: NodeRedRuntime,
  services: SiteServices,
  dataDir: string,
): Promise<void> {
  if (RED.settings['hengEdge']) return;
  const key = `${services.site}\u0000${dataDir}`;
  const entry = own.get(key);
  if (!entry || --entry.users > 0) return;
  own.delete(key);
  await entry.services.telemetry.close();
  entry.services.bus.dispose();
  await entry.segments.close();
}
