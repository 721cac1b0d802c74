/**
 * @module The hub's error replies as PouchDB can read them. PouchDB turns an error body's
 * `error` into the error's `name` and later lower-cases it inside its replicator, outside any
 * promise the edge can catch: a reply whose `error` is not a string (a proxy's JSON, an old
 * hub's `{"error": {…}}`) or a body that is not JSON at all must never reach it as it came, or
 * the whole edge process dies. So every error reply is rebuilt as CouchDB's `{error, reason}`.
 */
import { fetch as pouchFetch } from 'pouchdb-fetch';

/** The longest `reason` kept from a hub's error reply. */
const MAX_REASON = 300;

/** CouchDB's words for the statuses an edge meets, for replies that name none. */
const ERROR_WORDS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/**
 * `{error, reason}` for an error reply of `status` whose body is `text`: the body's own
 * `error` and `reason` where they are strings, a word for the status and a short summary
 * otherwise.
 */
export function couchErrorOf(status: number, text: string): { error: string; reason: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nested = fields['error'];
  const error =
    typeof nested === 'string' && nested !== ''
      ? nested.slice(0, 60)
      : (ERROR_WORDS[status] ?? 'unknown_error');
  const message =
    typeof nested === 'object' && nested !== null
      ? (nested as Record<string, unknown>)['message']
      : undefined;
  const reason =
    typeof fields['reason'] === 'string'
      ? fields['reason']
      : typeof message === 'string'
        ? message
        : `the hub answered ${status} with ${body === undefined ? 'a body that is not JSON' : 'an error of an unknown shape'}`;
  return { error, reason: reason.slice(0, MAX_REASON) };
}

/**
 * PouchDB's own fetch, with every error reply rebuilt by `couchErrorOf`. Successful replies pass
 * untouched, so the replication's hot path costs nothing more.
 */
export async function couchShapedFetch(url: string, init?: RequestInit): Promise<Response> {
  const reply = await pouchFetch(url, init);
  if (reply.ok) return reply;
  return new Response(JSON.stringify(couchErrorOf(reply.status, await reply.text())), {
    status: reply.status,
    headers: { 'content-type': 'application/json' },
  });
}
