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

/** The store's reply as the edge gets it: status and body streamed through, chosen headers only. */
export function passThrough(reply: Response): Response {
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
