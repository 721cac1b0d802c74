/**
 * @module `_changes` of a site's control database, with the documents above the edge's clearance
 * left out. The store is asked with include_docs to see each document's class; pages are
 * refilled when documents were left out, because PouchDB takes a short page as the end of the
 * feed; a longpoll is bounded, because the embedded store never ends one by itself.
 */
import { HengError } from '@heng/schemas';
import { isObject, parseJsonObject, readCapped } from './body.ts';
import type { SyncCall } from './call.ts';
import { forbidden } from './errors.ts';
import { callStore, jsonResponse, passThrough } from './upstream.ts';
import { visibleTo } from './visibility.ts';

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

interface Change {
  seq: unknown;
  id?: string;
  deleted?: boolean;
  doc?: unknown;
}

interface Page {
  results: Change[];
  last_seq: unknown;
  pending?: number;
}

/** Checks the query: normal and longpoll feeds only, and no filter that would run code. */
function checkQuery(search: URLSearchParams, where: string): void {
  const feed = search.get('feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll')
    throw forbidden(
      `${where}: feed=${feed} is not offered; PouchDB replicates with normal and longpoll feeds`,
    );
  const filter = search.get('filter');
  if (filter !== null && filter !== '_doc_ids')
    throw forbidden(
      `${where}: filter=${filter} is not offered (only _doc_ids): filters and views run code in the store`,
    );
  if (search.has('view')) throw forbidden(`${where}: view filters are not offered`);
}

function pageOf(value: unknown, where: string): Page {
  if (!isObject(value) || !Array.isArray(value['results']))
    throw new HengError('internal', `${where}: the store answered _changes without results`);
  return value as unknown as Page;
}

export async function changes(call: SyncCall): Promise<Response> {
  checkQuery(call.search, call.where);
  const post = call.request.method === 'POST';
  let body: string | undefined;
  if (post) {
    const text = await readCapped(call.request, call.limits.maxBodyBytes, call.where);
    const parsed = parseJsonObject(text, call.where);
    if (parsed['doc_ids'] !== undefined && !Array.isArray(parsed['doc_ids']))
      throw new HengError('invalid_input', `${call.where}: doc_ids must be a list of ids`);
    body = JSON.stringify(parsed['doc_ids'] ? { doc_ids: parsed['doc_ids'] } : {});
  }
  const wantsDocs = call.search.get('include_docs') === 'true';
  const limitParam = Number(call.search.get('limit'));
  const limit = Number.isInteger(limitParam) && limitParam > 0 ? limitParam : undefined;
  const query = new URLSearchParams(call.search);
  query.set('include_docs', 'true');
  // Heartbeats are newlines a buffered reply cannot pass on; the wait is bounded below instead.
  query.delete('heartbeat');
  const longpoll = query.get('feed') === 'longpoll';
  if (longpoll) query.set('timeout', String(call.limits.longpollMs));

  const since = call.search.get('since') ?? '0';
  const kept: Change[] = [];
  let lastSeq: unknown = /^\d+$/.test(since) ? Number(since) : since;
  let pending: number | undefined;
  // The longpoll window: a timer of our own, cleared however the request ends.
  const window = new AbortController();
  const timer = longpoll
    ? setTimeout(() => window.abort(new TimeoutError()), call.limits.longpollMs)
    : undefined;
  try {
    for (let first = true; ; first = false) {
      const signal =
        first && longpoll
          ? AbortSignal.any([call.request.signal, window.signal])
          : call.request.signal;
      try {
        const reply = await callStore(call.couch, call.dbName, {
          method: call.request.method,
          target: { kind: 'endpoint', name: '_changes' },
          search: query,
          ...(body === undefined ? {} : { body }),
          signal,
        });
        if (!reply.ok) return passThrough(reply);
        const page = pageOf(await reply.json(), call.where);
        for (const change of page.results) {
          if (change.deleted || visibleTo(call.principal, change.doc)) {
            if (!wantsDocs) delete change.doc;
            kept.push(change);
          }
        }
        lastSeq = page.last_seq;
        pending = page.pending;
        if (limit === undefined || page.results.length < limit || kept.length >= limit) break;
      } catch (err) {
        // The longpoll window ended with no change: the answer CouchDB gives at its timeout.
        if (first && window.signal.aborted && !call.request.signal.aborted) break;
        throw err;
      }
      // Refill from where the page ended; only the first request waits.
      query.set('since', typeof lastSeq === 'string' ? lastSeq : JSON.stringify(lastSeq));
      query.delete('feed');
      query.delete('timeout');
    }
  } finally {
    clearTimeout(timer);
  }
  if (limit !== undefined && kept.length > limit) {
    kept.length = limit;
    lastSeq = kept[limit - 1]?.seq;
  }
  return jsonResponse({
    results: kept,
    last_seq: lastSeq,
    ...(pending === undefined ? {} : { pending }),
  });
}
