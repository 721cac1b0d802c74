/**
 * @module Data classes in what replicates down: a control document above the edge's clearance is
 * left out of `_changes`, `_bulk_get` and document reads, as if the edge had no right to it,
 * because it has none.
 */
import type { DataClass } from '@heng/schemas';
import { cleared, DATA_CLASSES, type Principal } from '../auth/types.ts';
import { isObject } from './body.ts';

/** Whether `principal` may see `doc`. A deletion reveals only an id, so it always passes. */
export function visibleTo(principal: Principal, doc: unknown): boolean {
  if (!isObject(doc)) return true;
  if (doc['_deleted'] === true) return true;
  const dataClass = doc['dataClass'];
  if (dataClass === undefined) return cleared(principal.clearance, undefined);
  // A class we do not know cannot be ranked, so it is treated as above every clearance.
  if (!DATA_CLASSES.includes(dataClass as DataClass)) return false;
  return cleared(principal.clearance, dataClass as DataClass);
}

/** `_bulk_get`'s reply with every document above the clearance replaced by a `forbidden` error. */
export function withholdBulkGet(
  principal: Principal,
  reply: unknown,
): { reply: unknown; withheld: string[] } {
  const withheld: string[] = [];
  if (!isObject(reply) || !Array.isArray(reply['results'])) return { reply, withheld };
  const results = reply['results'].map((result: unknown) => {
    if (!isObject(result) || !Array.isArray(result['docs'])) return result;
    const docs = result['docs'].map((entry: unknown) => {
      if (!isObject(entry) || visibleTo(principal, entry['ok'])) return entry;
      const doc = entry['ok'] as Record<string, unknown>;
      withheld.push(String(doc['_id']));
      return {
        error: {
          id: doc['_id'],
          rev: doc['_rev'],
          error: 'forbidden',
          reason: 'the document is above the edge’s clearance',
        },
      };
    });
    return { ...result, docs };
  });
  return { reply: { ...reply, results }, withheld };
}

/**
 * A document read's reply with what is above the clearance taken out: a single document becomes
 * null (the caller refuses it), an `open_revs` list marks those revisions missing.
 */
export function withholdDocRead(principal: Principal, reply: unknown): unknown {
  if (Array.isArray(reply))
    return reply.map((entry: unknown) => {
      if (!isObject(entry) || visibleTo(principal, entry['ok'])) return entry;
      return { missing: (entry['ok'] as Record<string, unknown>)['_rev'] };
    });
  return visibleTo(principal, reply) ? reply : null;
}
