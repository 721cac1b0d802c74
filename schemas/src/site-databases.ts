/**
 * @module The contract of a site's databases: their names, the document kinds in each by id
 * namespace, and who owns each kind. Ownership is decided here, by the id, never by a body a
 * writer sends: the sync gateway and CouchDB's validation function both read this one table, and
 * every writer and reader builds its ids with the builders below.
 */
import { HengError } from './errors.ts';

/** The two databases every site has: `control` (both ways) and `telemetry` (pushed by the edge). */
export const SITE_DBS = ['control', 'telemetry'] as const;
export type SiteDb = (typeof SITE_DBS)[number];

export function isSiteDb(db: string): db is SiteDb {
  return (SITE_DBS as readonly string[]).includes(db);
}

/** Where the hub's sync gateway is mounted: a site's database is `<hub>/sync/<site>/<db>`. */
export const SYNC_MOUNT = '/sync';

/** `/sync/<site>/<db>`: the path of a site's database behind the hub's sync gateway. */
export function syncPath(site: string, db: SiteDb): string {
  return `${SYNC_MOUNT}/${encodeURIComponent(site)}/${db}`;
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

const PREFIXES = new Map(SITE_DOC_KINDS.map((k) => [k.kind, k.prefix]));

/** The id prefix of the kind named `kind` (a name of SITE_DOC_KINDS). */
function prefixOf(kind: string): string {
  const prefix = PREFIXES.get(kind);
  if (prefix === undefined)
    throw new HengError('internal', `site-databases: no document kind "${kind}"`);
  return prefix;
}

/** `{startkey, endkey}` of `_all_docs` or `_changes` over every id of a kind. */
export function siteDocRange(kind: string): { startkey: string; endkey: string } {
  const prefix = prefixOf(kind);
  return { startkey: prefix, endkey: `${prefix}\ufff0` };
}

/** `app-install/<pluginId>`: what should run at the place, with the consented grant and config. */
export const installDocId = (pluginId: string): string => `${prefixOf('install')}${pluginId}`;
/** `package/<pluginId>@<version>`: the signed package, as an attachment. */
export const packageDocId = (pluginId: string, version: string): string =>
  `${prefixOf('package')}${pluginId}@${version}`;
/** The name of the signed package attached to a `package/…` document, at the hub and at sites. */
export const PACKAGE_ATTACHMENT = 'package.hpkg';
/** `trust/<keyId>`: a vendor key the hub trusts. */
export const trustDocId = (keyId: string): string => `${prefixOf('trust')}${keyId}`;
/** `revocation/<digest>`: a package that must never run again. */
export const revocationDocId = (digest: string): string => `${prefixOf('revocation')}${digest}`;
/** What starts the id of a command made at the hub (`hub-<uuid>`); an edge's are plain UUIDs. */
export const HUB_COMMAND_ID_PREFIX = prefixOf('hub-command').slice(prefixOf('edge-command').length);
/** `command/<commandId>`: a command for the site's edge, from the hub or from an edge plugin. */
export const commandDocId = (commandId: string): string =>
  `${prefixOf('edge-command')}${commandId}`;
/** `outcome/<commandId>`: what became of a command, written once by the edge. */
export const outcomeDocId = (commandId: string): string => `${prefixOf('outcome')}${commandId}`;
/** `event/<ts>/<id>`: sorted by time, unique by the event's id. Edges and the hub name events so. */
export const eventDocId = (event: { ts: string; id: string }): string =>
  `${prefixOf('event')}${event.ts}/${event.id}`;
/** `plugin-status/<pluginId>`: what the runner says of one plugin. */
export const pluginStatusDocId = (pluginId: string): string =>
  `${prefixOf('plugin-status')}${pluginId}`;
/** The edge's own view of its link to the hub. */
export const SITE_STATUS_DOC_ID = `${prefixOf('site-status')}current`;
/** Which flow version is deployed (`{ version }`). */
export const FLOWS_CURRENT_DOC_ID = `${prefixOf('flows')}current`;
/** `flows/v000001`, …: one immutable document per deploy. */
export const flowsVersionDocId = (version: number): string =>
  `${prefixOf('flows')}v${String(version).padStart(6, '0')}`;
