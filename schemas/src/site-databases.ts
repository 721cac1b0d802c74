/**
 * @module The contract of a site's databases: their names, the document kinds in each by id
 * namespace, and who owns each kind. Ownership is decided here, by the id, never by a body a
 * writer sends: the sync gateway, CouchDB's validation function and the hub's conflict rule all
 * read this one table.
 */

/** The two databases every site has: `control` (both ways) and `telemetry` (pushed by the edge). */
export const SITE_DBS = ['control', 'telemetry'] as const;
export type SiteDb = (typeof SITE_DBS)[number];

export function isSiteDb(db: string): db is SiteDb {
  return (SITE_DBS as readonly string[]).includes(db);
}

/** Who writes a kind of document: the hub (through its store credentials) or the site's edge. */
export type SiteDocOwner = 'hub' | 'edge';

/** One kind of document in a site database, known by its id's prefix. */
export interface SiteDocKind {
  /** A name for messages and tables, e.g. `hub-command`. */
  kind: string;
  db: SiteDb;
  /** The id namespace; `''` for every id of the database not claimed by a longer prefix. */
  prefix: string;
  /** The `type` every document of the kind carries; undefined for design documents. */
  type?: string;
  owner: SiteDocOwner;
  /** Whether documents of the kind may carry attachments. */
  attachments?: boolean;
  /** A body field that must repeat the id after the prefix (so a body cannot pose as another). */
  idField?: string;
}

/**
 * Every kind of document in a site's databases. An id belongs to the kind of the longest prefix
 * it starts with; an id that matches none is nobody's, and no edge may write it.
 */
export const SITE_DOC_KINDS: readonly SiteDocKind[] = [
  // The hub's: what grants power at the site.
  { kind: 'install', db: 'control', prefix: 'app-install/', type: 'app-install', owner: 'hub' },
  {
    kind: 'package',
    db: 'control',
    prefix: 'package/',
    type: 'package',
    owner: 'hub',
    attachments: true,
  },
  { kind: 'trust', db: 'control', prefix: 'trust/', type: 'trusted-key', owner: 'hub' },
  { kind: 'revocation', db: 'control', prefix: 'revocation/', type: 'revocation', owner: 'hub' },
  {
    kind: 'hub-command',
    db: 'control',
    prefix: 'command/hub-',
    type: 'command',
    owner: 'hub',
    idField: 'id',
  },
  { kind: 'control-design', db: 'control', prefix: '_design/', owner: 'hub' },
  { kind: 'telemetry-design', db: 'telemetry', prefix: '_design/', owner: 'hub' },
  // The edge's: what happens at the site.
  {
    kind: 'edge-command',
    db: 'control',
    prefix: 'command/',
    type: 'command',
    owner: 'edge',
    idField: 'id',
  },
  { kind: 'outcome', db: 'control', prefix: 'outcome/', type: 'command-outcome', owner: 'edge' },
  { kind: 'event', db: 'control', prefix: 'event/', type: 'event', owner: 'edge' },
  { kind: 'flows', db: 'control', prefix: 'flows/', type: 'flows', owner: 'edge' },
  {
    kind: 'plugin-status',
    db: 'control',
    prefix: 'plugin-status/',
    type: 'plugin-status',
    owner: 'edge',
  },
  {
    kind: 'site-status',
    db: 'control',
    prefix: 'site-status/',
    type: 'site-status',
    owner: 'edge',
  },
  { kind: 'telemetry-batch', db: 'telemetry', prefix: '', type: 'telemetry-batch', owner: 'edge' },
];

/** The kind `id` belongs to in `db` (longest prefix first), or undefined when none claims it. */
export function siteDocKind(db: SiteDb, id: string): SiteDocKind | undefined {
  let found: SiteDocKind | undefined;
  for (const kind of SITE_DOC_KINDS)
    if (
      kind.db === db &&
      id.startsWith(kind.prefix) &&
      (!found || kind.prefix.length > found.prefix.length)
    )
      found = kind;
  // `_local/…` is no document kind: checkpoints never replicate, and are not the table's.
  if (id.startsWith('_') && found?.prefix === '') return undefined;
  return found;
}

/** The kinds of `db` that `owner` writes. */
export function siteDocKindsOf(db: SiteDb, owner: SiteDocOwner): SiteDocKind[] {
  return SITE_DOC_KINDS.filter((kind) => kind.db === db && kind.owner === owner);
}
