/**
 * @module The rule that settles a conflict in a control document: the revision written last, by
 * the time its writer put in it, wins; CouchDB's own pick stands when the revisions do not say.
 */
import { HengError } from '@heng/schemas';

/** A revision of a document, as read from the store. */
export interface Revision {
  _id: string;
  _rev: string;
  [field: string]: unknown;
}

/** Which field decided, for the audit log and the review record. */
export type WinnerRule = 'updatedAt' | 'ts' | 'couchdb';

function timeOf(rev: Revision, field: 'updatedAt' | 'ts'): number | undefined {
  const value = rev[field];
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** A revision's time and the field it came from: `updatedAt`, else `ts`, else none. */
function stampOf(rev: Revision): { t: number; field: 'updatedAt' | 'ts' } | undefined {
  const updated = timeOf(rev, 'updatedAt');
  if (updated !== undefined) return { t: updated, field: 'updatedAt' };
  const ts = timeOf(rev, 'ts');
  return ts === undefined ? undefined : { t: ts, field: 'ts' };
}

/**
 * Picks the winner among the live revisions of one document, `revisions[0]` being CouchDB's
 * winner. A revision's time is its `updatedAt`, else its `ts` (ISO times); the latest time
 * wins; a revision that has neither never beats one that has; a tie, or no times at all, leaves
 * CouchDB's pick (and, after it, CouchDB's order) standing, so every hub decides the same.
 */
export function pickWinner(revisions: readonly Revision[]): { winner: Revision; rule: WinnerRule } {
  const [couchWinner] = revisions;
  if (!couchWinner) throw new HengError('internal', 'pickWinner: no revisions');
  let winner = couchWinner;
  let best = stampOf(couchWinner);
  for (const rev of revisions.slice(1)) {
    const stamp = stampOf(rev);
    if (stamp && (!best || stamp.t > best.t)) {
      winner = rev;
      best = stamp;
    }
  }
  return { winner, rule: best ? best.field : 'couchdb' };
}
