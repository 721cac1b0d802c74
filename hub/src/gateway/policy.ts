/**
 * @module Which documents an edge may write into its site's databases through the sync gateway:
 * only those whose id lies in a namespace the site-database contract gives the edge, with the
 * type that namespace carries. Anything else is refused per document, as CouchDB's
 * validate_doc_update would, so replication records a write failure and goes on instead of
 * retrying forever.
 */
import { type DataClass, type SiteDb, siteDocKind, siteDocKindsOf } from '@heng/schemas';
import { cleared, DATA_CLASSES } from '../auth/types.ts';

/** What an edge may write, and as whom: the principal fields the check reads. */
export interface EdgeWriter {
  site?: string;
  clearance: DataClass;
}

/** `command/, outcome/, …`: the namespaces an edge may write in `db`, for messages. */
function edgeNamespaces(db: SiteDb): string {
  return siteDocKindsOf(db, 'edge')
    .map((k) => (k.prefix === '' ? 'any id not starting with _' : `${k.prefix}…`))
    .join(', ');
}

/**
 * Why an edge may not write `doc` into its site's `db`, or undefined when it may. Decided by the
 * id first: design and local documents, ids in the hub's namespaces and ids in no namespace are
 * refused whatever the body says. Then the body: any `_deleted` but `false` (a deletion, also
 * when spelled `1` or `"yes"`), a `type` other than the namespace's, attachments where the kind
 * has none, an id field that does not repeat the id, a `site` naming another site, a `dataClass`
 * above the edge's clearance or not a class at all.
 */
export function refuseEdgeDoc(
  doc: Record<string, unknown>,
  db: SiteDb,
  writer: EdgeWriter,
): string | undefined {
  const id = doc['_id'];
  if (typeof id !== 'string' || id === '') return 'a document needs a non-empty string _id';
  if (id.startsWith('_'))
    return 'design and local documents cannot be written through the sync gateway';
  const kind = siteDocKind(db, id);
  if (!kind)
    return `the id ${JSON.stringify(id)} is in no namespace an edge may write in the ${db} database (${edgeNamespaces(db)})`;
  if (kind.owner !== 'edge')
    return `${JSON.stringify(id)} is the hub's (${kind.prefix}…): an edge may not write, change or delete it`;
  if ('_deleted' in doc && doc['_deleted'] !== false) return 'an edge may not delete documents';
  if (doc['type'] !== kind.type)
    return `a document under ${kind.prefix || 'this database'} must have type ${JSON.stringify(kind.type)}, not ${JSON.stringify(doc['type'] ?? null)}`;
  if ('_attachments' in doc && !kind.attachments)
    return `documents under ${kind.prefix || 'this database'} carry no attachments`;
  if (kind.idField && doc[kind.idField] !== id.slice(kind.prefix.length))
    return `field ${kind.idField} must repeat the id after ${kind.prefix}: ${JSON.stringify(id.slice(kind.prefix.length))}`;
  if (doc['site'] !== undefined && doc['site'] !== writer.site)
    return `the document names site ${JSON.stringify(doc['site'])}, not the edge's own site "${writer.site}"`;
  const dataClass = doc['dataClass'];
  if (dataClass !== undefined && !DATA_CLASSES.includes(dataClass as DataClass))
    return `dataClass ${JSON.stringify(dataClass)} is not one of ${DATA_CLASSES.join(', ')}`;
  if (!cleared(writer.clearance, dataClass as DataClass | undefined))
    return `the document's data class ${String(dataClass ?? 'internal (by default)')} is above the edge's clearance (${writer.clearance})`;
  return undefined;
}
