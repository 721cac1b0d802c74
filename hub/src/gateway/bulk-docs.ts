/**
 * @module `_bulk_docs` from an edge: each document checked against the edge's rights, the allowed
 * ones forwarded, the others answered `{id, error: 'forbidden', reason}` as CouchDB's
 * validate_doc_update would, so that the replicator counts a write failure and moves on.
 */
import { HengError } from '@heng/schemas';
import { isObject, parseJsonObject, readCapped } from './body.ts';
import type { SyncCall } from './call.ts';
import { refuseEdgeDoc } from './policy.ts';
import { callStore, jsonResponse, passThrough } from './upstream.ts';

interface Refusal {
  id: string;
  error: 'forbidden';
  reason: string;
}

/** At most this many refused documents are listed in one audit entry; the count is always kept. */
const AUDITED_IDS = 100;

function countTypes(docs: Array<Record<string, unknown>>): Record<string, number> {
  const types: Record<string, number> = {};
  for (const doc of docs) {
    const type = String(doc['type']);
    types[type] = (types[type] ?? 0) + 1;
  }
  return types;
}

function readDocs(body: Record<string, unknown>, where: string): Array<Record<string, unknown>> {
  const docs = body['docs'];
  if (!Array.isArray(docs))
    throw new HengError('invalid_input', `${where}: the body must be {"docs": [...]}`);
  if (body['new_edits'] !== undefined && typeof body['new_edits'] !== 'boolean')
    throw new HengError('invalid_input', `${where}: new_edits must be true or false`);
  docs.forEach((doc: unknown, i) => {
    if (!isObject(doc) || typeof doc['_id'] !== 'string' || doc['_id'] === '')
      throw new HengError('invalid_input', `${where}: /docs/${i} must be a document with an _id`);
  });
  return docs as Array<Record<string, unknown>>;
}

/** Puts the store's replies and the refusals back in the order of the request. */
function merge(
  docs: Array<Record<string, unknown>>,
  refused: Map<Record<string, unknown>, Refusal>,
  stored: unknown[],
): unknown[] {
  // With new_edits=false CouchDB lists only failures, so the order can be kept only when it
  // answered once per document.
  if (stored.length !== docs.length - refused.size) return [...stored, ...refused.values()];
  let next = 0;
  return docs.map((doc) => refused.get(doc) ?? stored[next++]);
}

export async function bulkDocs(call: SyncCall): Promise<Response> {
  const text = await readCapped(call.request, call.limits.maxBodyBytes, call.where);
  const body = parseJsonObject(text, call.where);
  const docs = readDocs(body, call.where);
  const refused = new Map<Record<string, unknown>, Refusal>();
  for (const doc of docs) {
    const reason = refuseEdgeDoc(doc, call.db, call.principal);
    if (reason) refused.set(doc, { id: doc['_id'] as string, error: 'forbidden', reason });
  }
  if (refused.size > 0) {
    const listed = [...refused.keys()].slice(0, AUDITED_IDS);
    await call.audit.append({
      actor: call.actor,
      action: 'sync.write',
      target: `site/${call.principal.site}/${call.db}`,
      outcome: 'refused',
      detail: {
        refusedCount: refused.size,
        refused: listed.map((doc) => ({
          id: doc['_id'],
          type: doc['type'] ?? null,
          reason: refused.get(doc)?.reason,
        })),
      },
    });
  }
  const allowed = refused.size ? docs.filter((doc) => !refused.has(doc)) : docs;
  if (allowed.length === 0) return jsonResponse([...refused.values()], 201);
  const reply = await callStore(call.couch, call.dbName, {
    method: 'POST',
    target: { kind: 'endpoint', name: '_bulk_docs' },
    // Unchanged bodies go as they came: no second serialisation on the telemetry path.
    body: refused.size ? JSON.stringify({ ...body, docs: allowed }) : text,
  });
  if (!reply.ok) {
    await auditForwarded(call, allowed, reply.status, []);
    return passThrough(reply);
  }
  const replyText = await reply.text();
  const stored = parseStored(replyText);
  // The store may refuse documents one by one too (its validate_doc_update, a conflict): they are
  // in its reply, not in its status, which stays 201.
  await auditForwarded(
    call,
    allowed,
    reply.status,
    stored.filter((r): r is Record<string, unknown> => isObject(r) && r['error'] !== undefined),
  );
  if (refused.size === 0)
    return new Response(replyText, {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  return jsonResponse(merge(docs, refused, stored), reply.status);
}

function parseStored(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** The audit entry of a forwarded batch: `ok` only when the store wrote every document. */
async function auditForwarded(
  call: SyncCall,
  allowed: Array<Record<string, unknown>>,
  status: number,
  storeErrors: Array<Record<string, unknown>>,
): Promise<void> {
  const ok = status < 300 && storeErrors.length === 0;
  await call.audit.append({
    actor: call.actor,
    action: 'sync.write',
    target: `site/${call.principal.site}/${call.db}`,
    outcome: ok ? 'ok' : status < 300 ? 'refused' : 'failed',
    detail: {
      forwarded: allowed.length,
      types: countTypes(allowed),
      status,
      ...(storeErrors.length
        ? {
            storeRefusedCount: storeErrors.length,
            storeRefused: storeErrors.slice(0, AUDITED_IDS).map((r) => ({
              id: r['id'],
              error: r['error'],
              reason: r['reason'],
            })),
          }
        : {}),
    },
  });
}
