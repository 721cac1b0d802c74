/**
 * @module The audit chain's arithmetic: document ids that sort in sequence order, and the hash
 * that links each entry to the one before it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@heng/core';
import type { AuditEntry } from './types.ts';

/** `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Prefix of every audit entry's document id. */
export const AUDIT_PREFIX = 'audit/';

const SEQ_DIGITS = 12;

/**
 * `audit/000000000042`: zero-padded so ids sort as numbers, and one id per place in the chain,
 * so two writers aiming at the same place collide (409) instead of forking the chain.
 */
export function auditDocId(seq: number): string {
  return `${AUDIT_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

/** The entry's fields without its hash (and without CouchDB's own `_id`/`_rev`). */
export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

/** SHA-256 hex over the canonical JSON of every field but `hash`. */
export function entryHash(entry: UnhashedEntry): string {
  const { seq, at, prev, actor, action, target, outcome, detail } = entry;
  const fields = { seq, at, prev, actor, action, target, outcome, detail };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/** Just the entry's own fields, from a stored document that also carries `_id`, `_rev`, `type`. */
export function entryOf(
  doc: AuditEntry & { _id?: string; _rev?: string; type?: string },
): AuditEntry {
  const entry: AuditEntry = {
    seq: doc.seq,
    at: doc.at,
    prev: doc.prev,
    hash: doc.hash,
    actor: doc.actor,
    action: doc.action,
    target: doc.target,
    outcome: doc.outcome,
  };
  if (doc.detail !== undefined) entry.detail = doc.detail;
  return entry;
}
