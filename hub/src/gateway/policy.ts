/**
 * @module Which document types an edge may write into its site's databases through the sync
 * gateway. Anything else is refused per document, as CouchDB's validate_doc_update would, so
 * replication records a write failure and goes on instead of retrying forever.
 */
import type { SiteDb } from '../couch/index.ts';

/**
 * telemetry: only immutable batches. control: what the edge produces (outcomes of commands, its
 * plugins' commands, events, flow versions, plugin and site status); never installs, packages,
 * revocations, trust or anything that grants power, which only the hub writes.
 */
export const EDGE_WRITABLE: Readonly<Record<SiteDb, ReadonlySet<string>>> = {
  telemetry: new Set(['telemetry-batch']),
  control: new Set([
    'command',
    'command-outcome',
    'event',
    'flows',
    'plugin-status',
    'site-status',
  ]),
};
