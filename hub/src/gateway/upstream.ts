/**
 * @module The gateway's way to the store: a request to one site database, sent with the
 * credentials chosen for the site (the site's CouchDB user on a real CouchDB, the hub's own on the
 * embedded store; never the edge's), and the store's reply passed back as a stream.
 */
import { HengError } from '@heng/schemas';
import type { StoreAccess } from '../couch/index.ts';

/** The replication endpoints a gateway request may reach below a site database. */
export type StoreEndpoint = '_changes' | '_revs_diff' | '_bulk_docs' | '_bulk_get';

/**
 * What a gateway request may reach in a site's database: the allow-list of the store URL shapes
 * the gateway builds. Ids and names are decoded; they are checked and encoded here, one component
 * each, so nothing an edge sends can add a path segment.
 */
export type StoreTarget =
  | { kind: 'db' }
  | { kind: 'endpoint'; name: StoreEndpoint }
  | { kind: 'local'; id: string }
  | { kind: 'doc'; id: string }
  | { kind: 'attachment'; id: string; name: string };

export interface UpstreamRequest {
  method: string;
  target: StoreTarget;
  search?: URLSearchParams;
  body?: string;
  /** Aborts the store request, e.g. when the edge hangs up during a longpoll. */
  signal?: AbortSignal;
  accept?: string;
}

/** Headers of the store's reply that the edge may see; the rest (cookies, server) stay here. */
const PASSED_HEADERS = ['content-type', 'etag', 'cache-control'];

/**
 * The store as a call sees it: the access itself, or a way to get it when first needed, so a
 * request refused before it reaches the store costs the store nothing, not even a look-up.
 */
export type StoreRoute = StoreAccess | (() => Promise<StoreAccess>);

/**
 * Why a decoded id or attachment name may not go into a store URL, or undefined when it may: a
 * dot segment (also as fullwidth or other dots that normalise to one), a backslash, a control
 * character or a percent sign left after decoding (double encoding).
 */
export function refuseStoreName(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.includes('\\') || [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\x7f'))
    return 'has a backslash or a control character';
  if (name.includes('%')) return 'has a percent sign after decoding (double encoding)';
  if (name.split('/').some((part) => ['.', '..'].includes(part.normalize('NFKC'))))
    return 'has a dot segment';
  return undefined;
}

function component(value: string, what: string): string {
  const refused = refuseStoreName(value);
  if (refused) throw new HengError('invalid_input', `${what} ${JSON.stringify(value)} ${refused}`);
  return encodeURIComponent(value);
}

/** `/<db>/…` for `target`, each id and name one encoded component. */
export function storePath(dbName: string, target: StoreTarget): string {
  const db = `/${encodeURIComponent(dbName)}`;
  switch (target.kind) {
    case 'db':
      return `${db}/`;
    case 'endpoint':
      return `${db}/${target.name}`;
    case 'local':
      return `${db}/_local/${component(target.id, 'checkpoint id')}`;
    case 'doc':
      return `${db}/${component(target.id, 'document id')}`;
    case 'attachment':
      return `${db}/${component(target.id, 'document id')}/${component(target.name, 'attachment name')}`;
  }
}

/**
 * Sends a request to the site database's `target`; `store_unavailable` when the store is not
 * reached. The URL is checked once parsed: were the parser to resolve or rewrite any part of the
 * path, the request would leave the database, so it is refused instead of sent.
 */
export async function callStore(
  route: StoreRoute,
  dbName: string,
  request: UpstreamRequest,
): Promise<Response> {
  const couch = typeof route === 'function' ? await route() : route;
  const path = storePath(dbName, request.target);
  const url = new URL(`${couch.url}${path}`);
  if (url.pathname !== `${new URL(couch.url).pathname.replace(/\/$/, '')}${path}`)
    throw new HengError('permission_denied', `${path} does not stay in the site's database`);
  const query = request.search?.toString();
  if (query) url.search = query;
  const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
  if (couch.authorization) headers['authorization'] = couch.authorization;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(url, {
      method: request.method,
      headers,
      body: request.body ?? null,
      signal: request.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError' || (err as Error).name === 'TimeoutError') throw err;
    throw new HengError(
      'store_unavailable',
      `the store did not answer ${request.method} ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** The longest `reason` of a store's error passed on to an edge. */
const MAX_REASON = 200;

/**
 * A store's error reply in CouchDB's shape and nothing else: `error` and `reason` as short
 * strings. What the store sent besides (an HTML page with a stack trace, server paths, an
 * object where PouchDB expects a word) stays at the hub.
 */
async function storeErrorBody(reply: Response): Promise<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await reply.text());
  } catch {
    parsed = undefined;
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const word = (value: unknown) =>
    typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : undefined;
  const error = word(fields['error']) ?? (reply.status === 404 ? 'not_found' : 'store_error');
  const reason =
    typeof fields['reason'] === 'string'
      ? fields['reason'].slice(0, MAX_REASON)
      : `the store answered ${reply.status}`;
  return `${JSON.stringify({ error, reason })}\n`;
}

/**
 * The store's reply as the edge gets it: a success streamed through with chosen headers only; an
 * error rebuilt as CouchDB's `{error, reason}` (see `storeErrorBody`).
 */
export async function passThrough(reply: Response): Promise<Response> {
  if (!reply.ok)
    return new Response(await storeErrorBody(reply), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = reply.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(reply.body, { status: reply.status, headers });
}

/** A JSON reply built by the gateway. */
export function jsonResponse(value: unknown, status = 200): Response {
  return new Response(`${JSON.stringify(value)}\n`, {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
