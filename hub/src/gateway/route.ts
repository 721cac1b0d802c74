/**
 * @module Which CouchDB endpoint a sync request is for, and whether the gateway offers it. Only
 * what PouchDB's replicator uses is recognised; everything else is refused here, before anything
 * reaches the store.
 */
import { HengError } from '@heng/schemas';
import { isSiteDb, type SiteDb } from '../couch/index.ts';
import { forbidden } from './errors.ts';
import { refuseStoreName } from './upstream.ts';

/** An endpoint the gateway serves. `id`s and names are decoded. */
export type SyncEndpoint =
  | { kind: 'welcome' }
  | { kind: 'db-info' }
  | { kind: 'local'; id: string }
  | { kind: 'changes' }
  | { kind: 'revs-diff' }
  | { kind: 'bulk-docs' }
  | { kind: 'bulk-get' }
  | { kind: 'doc'; id: string }
  | { kind: 'attachment'; id: string; name: string };

/** The site named by the path, and the database and endpoint (absent for the site's root). */
export interface SyncTarget {
  site: string;
  db?: SiteDb;
  endpoint: SyncEndpoint;
}

/** What a sync path asks for before the endpoint is known: the site comes first, for the auth check. */
export interface SyncPath {
  site: string;
  /** Decoded segments after the site: `[db, …rest]`. */
  rest: string[];
}

function decode(segment: string, path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new HengError(
      'invalid_input',
      `sync path ${path}: "${segment}" is not valid percent-encoding`,
    );
  }
  // A dot segment would climb out of the database once re-encoded into the store's URL.
  if (decoded === '.' || decoded === '..')
    throw new HengError(
      'invalid_input',
      `sync path ${path}: "${decoded}" is not a document or name`,
    );
  return decoded;
}

/** Splits `/<site>/<db>/<rest…>` (the path below the gateway's mount point) into decoded parts. */
export function parseSyncPath(path: string): SyncPath {
  const raw = path.replace(/^\//, '').split('/');
  // A trailing slash (`/sync/<site>/`, PouchDB's server root) leaves an empty last segment.
  if (raw.length > 1 && raw.at(-1) === '') raw.pop();
  const [site, ...rest] = raw.map((s) => decode(s, path));
  if (!site) throw new HengError('not_found', 'sync path: name a site, /sync/<site>/<db>/…');
  if (rest.some((s) => s === ''))
    throw new HengError('not_found', `sync path ${path}: empty segment`);
  return { site, rest };
}

/** Endpoints the telemetry database offers: it is push-only, so nothing that reads documents. */
const TELEMETRY_KINDS = new Set<SyncEndpoint['kind']>([
  'db-info',
  'local',
  'revs-diff',
  'bulk-docs',
]);

/** The method each endpoint answers; `local` answers GET (read a checkpoint) and PUT (write one). */
const METHODS: Record<SyncEndpoint['kind'], readonly string[]> = {
  welcome: ['GET'],
  'db-info': ['GET'],
  local: ['GET', 'PUT'],
  changes: ['GET', 'POST'],
  'revs-diff': ['POST'],
  'bulk-docs': ['POST'],
  'bulk-get': ['POST'],
  doc: ['GET'],
  attachment: ['GET'],
};

const SPECIAL: Record<string, SyncEndpoint['kind']> = {
  _changes: 'changes',
  _revs_diff: 'revs-diff',
  _bulk_docs: 'bulk-docs',
  _bulk_get: 'bulk-get',
};

function endpointOf(rest: string[], where: string): SyncEndpoint {
  const [first, ...more] = rest;
  if (first === undefined) return { kind: 'db-info' };
  // `_local/<id>` arrives as two segments, or as one when the slash was encoded too.
  if (first.startsWith('_local/') && more.length === 0)
    return { kind: 'local', id: first.slice('_local/'.length) };
  if (first === '_local') {
    const [id, ...extra] = more;
    if (id === undefined || extra.length > 0)
      throw new HengError('not_found', `${where}: a checkpoint is _local/<id>`);
    return { kind: 'local', id };
  }
  if (first.startsWith('_')) {
    const kind = SPECIAL[first];
    if (!kind || more.length > 0)
      throw forbidden(
        `${where}: ${first.split('/')[0]} is not a replication endpoint; the gateway offers only db info, _local checkpoints, _changes, _revs_diff, _bulk_docs, _bulk_get, documents and attachments`,
      );
    return { kind } as SyncEndpoint;
  }
  if (more.length === 0) return { kind: 'doc', id: first };
  return { kind: 'attachment', id: first, name: more.join('/') };
}

/** The endpoint, once every id and name in it is one the store URL may carry. */
function checkedEndpoint(endpoint: SyncEndpoint, where: string): SyncEndpoint {
  const names: Array<[string, string]> = [];
  if ('id' in endpoint) names.push(['document id', endpoint.id]);
  if ('name' in endpoint) names.push(['attachment name', endpoint.name]);
  for (const [what, name] of names) {
    const refused = refuseStoreName(name);
    if (refused)
      throw new HengError(
        'invalid_input',
        `${where}: the ${what} ${JSON.stringify(name)} ${refused}`,
      );
  }
  return endpoint;
}

/**
 * Classifies a request below `/sync`. Throws `permission_denied` for endpoints, methods and
 * databases the gateway does not offer, `not_found` for paths that name nothing.
 */
export function classify(method: string, path: SyncPath, where: string): SyncTarget {
  const [db, ...rest] = path.rest;
  let target: SyncTarget;
  if (db === undefined) target = { site: path.site, endpoint: { kind: 'welcome' } };
  else if (!isSiteDb(db))
    throw new HengError(
      'not_found',
      `${where}: a site has only the databases control and telemetry`,
    );
  else target = { site: path.site, db, endpoint: checkedEndpoint(endpointOf(rest, where), where) };
  const { kind } = target.endpoint;
  if (!METHODS[kind].includes(method))
    throw forbidden(
      `${where}: ${method} is not allowed on this endpoint (allowed: ${METHODS[kind].join(', ')}); the gateway neither creates nor deletes databases or documents`,
    );
  if (target.db === 'telemetry' && !TELEMETRY_KINDS.has(kind))
    throw forbidden(
      `${where}: the telemetry database is push-only; an edge may read its checkpoints and _revs_diff, not documents or changes`,
    );
  return target;
}
