/**
 * @module Which namespaces the plugin-side `heng` object has, derived from the grant: a plugin
 * never even sees an API it was not granted.
 */
import type { Grant } from './grant.ts';

/** The namespaces of the plugin-side API. `log` and `now` are always there. */
export interface ApiShape {
  readonly telemetry: boolean;
  readonly commands: boolean;
  /** `events.publish`; subscriptions are delivered by the host, not called by the plugin. */
  readonly events: boolean;
  readonly storage: boolean;
  readonly fetch: boolean;
  readonly log: true;
  readonly now: true;
}

/** The API shape a grant allows. */
export function apiShape(grant: Grant): ApiShape {
  return Object.freeze({
    telemetry: grant.readPoints.length > 0,
    commands: grant.commandRules.some((r) => r.points.length > 0),
    events: grant.publishTopics.length > 0,
    storage: grant.storageQuota > 0,
    fetch: grant.fetchHosts.length > 0,
    log: true,
    now: true,
  });
}
