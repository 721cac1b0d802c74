/**
 * @module The reads PouchDB's replicator makes besides `_changes`: database info, checkpoints,
 * `_revs_diff`, `_bulk_get`, documents with their revisions and attachments. The store's reply is
 * streamed through unless documents above the edge's clearance must be withheld from it.
 */
import { HengError } from '@heng/schemas';
import { isObject, parseJsonObject, readCapped } from './body.ts';
import type { SyncCall } from './call.ts';
import { forbidden } from './errors.ts';
import { callStore, jsonResponse, passThrough } from './upstream.ts';
import { visibleTo, withholdBulkGet, withholdDocRead } from './visibility.ts';

/** GET of the database itself: PouchDB's setup check and `info()`. */
export async function dbInfo(call: SyncCall): Promise<Response> {
  return passThrough(
    await callStore(call.couch, call.dbName, { method: 'GET', target: { kind: 'db' } }),
  );
}

/** GET or PUT of a replication checkpoint, `_local/<id>`. Local documents never replicate. */
export async function checkpoint(call: SyncCall, id: string): Promise<Response> {
  const target = { kind: 'local', id } as const;
  if (call.request.method === 'GET')
    return passThrough(await callStore(call.couch, call.dbName, { method: 'GET', target }));
  const text = await readCapped(call.request, call.limits.maxBodyBytes, call.where);
  parseJsonObject(text, call.where);
  return passThrough(
    await callStore(call.couch, call.dbName, { method: 'PUT', target, body: text }),
  );
}

/** `_revs_diff`: `{id: [rev, …]}` in, which of them the store lacks out. */
export async function revsDiff(call: SyncCall): Promise<Response> {
  const text = await readCapped(call.request, call.limits.maxBodyBytes, call.where);
  const body = parseJsonObject(text, call.where);
  for (const [id, revs] of Object.entries(body))
    if (!Array.isArray(revs) || revs.some((r) => typeof r !== 'string'))
      throw new HengError('invalid_input', `${call.where}: /${id} must be a list of revisions`);
  return passThrough(
    await callStore(call.couch, call.dbName, {
      method: 'POST',
      target: { kind: 'endpoint', name: '_revs_diff' },
      body: text,
    }),
  );
}

/** `_bulk_get`: the asked revisions, those above the clearance answered `forbidden`. */
export async function bulkGet(call: SyncCall): Promise<Response> {
  const text = await readCapped(call.request, call.limits.maxBodyBytes, call.where);
  const body = parseJsonObject(text, call.where);
  const docs = body['docs'];
  if (!Array.isArray(docs) || docs.some((d) => !isObject(d) || typeof d['id'] !== 'string'))
    throw new HengError(
      'invalid_input',
      `${call.where}: the body must be {"docs": [{"id": …, "rev": …}]}`,
    );
  const reply = await callStore(call.couch, call.dbName, {
    method: 'POST',
    target: { kind: 'endpoint', name: '_bulk_get' },
    search: call.search,
    body: JSON.stringify({ docs }),
  });
  if (!reply.ok) return passThrough(reply);
  const { reply: kept, withheld } = withholdBulkGet(call.principal, await reply.json());
  if (withheld.length > 0)
    await call.audit.append({
      actor: call.actor,
      action: 'sync.read',
      target: `site/${call.principal.site}/${call.db}`,
      outcome: 'refused',
      detail: { withheld, reason: 'above the edge’s clearance' },
    });
  return jsonResponse(kept, reply.status);
}

/** Reads `id` from the store and refuses it when it is above the clearance. */
async function readVisible(
  call: SyncCall,
  id: string,
  search: URLSearchParams,
): Promise<Response | unknown> {
  const reply = await callStore(call.couch, call.dbName, {
    method: 'GET',
    target: { kind: 'doc', id },
    search,
  });
  if (!reply.ok) return passThrough(reply);
  const kept = withholdDocRead(call.principal, await reply.json());
  if (kept === null) throw forbidden(`${call.where}: the document is above the edge's clearance`);
  return kept;
}

/** GET of one document (with `revs`, `open_revs`, `latest`, `attachments` as PouchDB asks). */
export async function docRead(call: SyncCall, id: string): Promise<Response> {
  const kept = await readVisible(call, id, call.search);
  return kept instanceof Response ? kept : jsonResponse(kept);
}

/** GET of an attachment, after its document's class is checked; the bytes stream through. */
export async function attachmentRead(call: SyncCall, id: string, name: string): Promise<Response> {
  const rev = call.search.get('rev');
  const doc = await readVisible(call, id, new URLSearchParams(rev ? { rev } : {}));
  if (doc instanceof Response) return doc;
  if (!visibleTo(call.principal, doc)) throw forbidden(`${call.where}: above the edge's clearance`);
  const reply = await callStore(call.couch, call.dbName, {
    method: 'GET',
    target: { kind: 'attachment', id, name },
    search: new URLSearchParams(rev ? { rev } : {}),
    accept: '*/*',
  });
  return passThrough(reply);
}
