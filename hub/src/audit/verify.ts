/**
 * @module Checks the audit chain end to end: every place filled in order, every entry's hash
 * matching its content, every `prev` matching the entry before.
 */
import type nano from 'nano';
import { storeError } from '../couch/index.ts';
import { AUDIT_PREFIX, auditDocId, entryHash, GENESIS_HASH } from './chain.ts';
import type { AuditDoc } from './types.ts';

/** The chain is whole, or the first place where it is not and why. */
export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; seq: number; reason: string };

const PAGE = 500;

/**
 * Reads the log in id order, page by page. What a hash chain cannot show on its own: the newest
 * entries removed from the end, or the whole chain rewritten from some point on with fresh hashes;
 * an anchor kept elsewhere (the head hash, signed or printed) would close that.
 */
export async function verifyChain(db: nano.DocumentScope<AuditDoc>): Promise<AuditVerification> {
  let expected = 1;
  let prev = GENESIS_HASH;
  let startkey = AUDIT_PREFIX;
  for (;;) {
    let rows: nano.DocumentResponseRow<AuditDoc>[];
    try {
      const page = await db.list({
        startkey,
        endkey: `${AUDIT_PREFIX}\ufff0`,
        limit: PAGE + 1,
        include_docs: true,
      });
      rows = page.rows;
    } catch (err) {
      throw storeError(err, 'read the audit log to verify it');
    }
    const batch = rows.slice(0, PAGE);
    for (const row of batch) {
      const doc = row.doc;
      if (!doc) continue;
      const failure = checkEntry(doc, expected, prev);
      if (failure) return { ok: false, seq: expected, reason: failure };
      prev = doc.hash;
      expected++;
    }
    const next = rows[PAGE];
    if (!next) return { ok: true, entries: expected - 1 };
    startkey = next.id;
  }
}

function checkEntry(doc: AuditDoc, expected: number, prev: string): string | undefined {
  const placeOfId = Number(doc._id.slice(AUDIT_PREFIX.length));
  if (placeOfId > expected)
    return `entry ${expected} is missing (removed): the next entry found is ${doc._id}`;
  if (doc._id !== auditDocId(expected) || doc.seq !== expected)
    return `${doc._id} holds entry ${String(doc.seq)}: entries were moved or reordered`;
  if (doc.prev !== prev)
    return `entry ${expected}'s prev does not match the hash of entry ${expected - 1}: an entry before it was removed, replaced or reordered`;
  if (entryHash(doc) !== doc.hash)
    return `entry ${expected} was altered: its content no longer matches its hash`;
  return undefined;
}
