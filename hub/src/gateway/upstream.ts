/**
 * @module The gateway's way to the store: a request to one site database, sent with the
 * credentials chosen for the site (the site's CouchDB user on a real CouchDB, the hub's own on the
 * embedded store; never the edge's), and the store's reply passed back as a stream.
 */
import { HengError } from '@heng/schemas';
import type { StoreAccess } from '../couch/index.ts';

export interface UpstreamRequest {
  method: string;
  /** Below the database, already encoded, e.g. `_changes` or `tb%2F1`; '' for the database. */
  path: string;
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

/** Sends a request to `<couch.url>/<dbName>/<path>`; `store_unavailable` when it is not reached. */
export async function callStore(
  route: StoreRoute,
  dbName: string,
  request: UpstreamRequest,
): Promise<Response> {
  const couch = typeof route === 'function' ? await route() : route;
  const query = request.search?.toString();
  const url = `${couch.url}/${encodeURIComponent(dbName)}/${request.path}${query ? `?${query}` : ''}`;
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
      `the store did not answer ${request.method} ${dbName}/${request.path}: ${(err as Error).message}`,
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

/** Encodes a decoded document id for the store's URL; `_local/x` keeps its slash. */
export function encodeDocPath(...segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s)).join('/');
}
