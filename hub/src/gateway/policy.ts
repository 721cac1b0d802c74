/**
 * @module Which document types an edge may write into its site's databases through the sync
 * gateway. Anything else is refused per document, as CouchDB's validate_doc_update would, so
 * replication records a write failure and goes on instead of retrying forever.
 */
import type { DataClass } from '@heng/schemas';
import { cleared, DATA_CLASSES } from '../auth/types.ts';
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

/** What an edge may write, and as whom: the principal fields the check reads. */
export interface EdgeWriter {
  site?: string;
  clearance: DataClass;
}

/**
 * Why an edge may not write `doc` into its site's `db`, or undefined when it may. Refused:
 * design and local documents, deletions, types outside EDGE_WRITABLE[db], a `site` field naming
 * another site, and a `dataClass` above the edge's clearance (or one that is not a class).
 */
export function refuseEdgeDoc(
  doc: Record<string, unknown>,
  db: SiteDb,
  writer: EdgeWriter,
): string | undefined {
  const id = doc['_id'];
  if (typeof id === 'string' && id.startsWith('_'))
    return 'design and local documents cannot be written through the sync gateway';
  if (doc['_deleted'] === true) return 'an edge may not delete documents';
  const type = doc['type'];
  const allowed = EDGE_WRITABLE[db];
  if (typeof type !== 'string' || !allowed.has(type))
    return `an edge may not write documents of type ${JSON.stringify(type ?? null)} into the ${db} database (allowed: ${[...allowed].join(', ')})`;
  // Commands made at the hub (`command/hub-…`) are the hub's: an edge writes only its plugins'.
  if (
    type === 'command' &&
    (String(id ?? '').startsWith('command/hub-') || String(doc['id'] ?? '').startsWith('hub-'))
  )
    return "commands made at the hub are the hub's own: an edge may not write or change them";
  if (doc['site'] !== undefined && doc['site'] !== writer.site)
    return `the document names site ${JSON.stringify(doc['site'])}, not the edge's own site "${writer.site}"`;
  const dataClass = doc['dataClass'];
  if (dataClass !== undefined && !DATA_CLASSES.includes(dataClass as DataClass))
    return `dataClass ${JSON.stringify(dataClass)} is not one of ${DATA_CLASSES.join(', ')}`;
  if (!cleared(writer.clearance, dataClass as DataClass | undefined))
    return `the document's data class ${String(dataClass ?? 'internal (by default)')} is above the edge's clearance (${writer.clearance})`;
  return undefined;
}
