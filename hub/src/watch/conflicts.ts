/**
 * @module Settles a conflicted control document at the hub: the documented winner (winner.ts)
 * stays as the current revision, every losing revision is copied into `heng-hub` for review and
 * then deleted from the site's database, and the decision is audited as `sync.conflict`.
 */
import type nano from 'nano';
import type { AuditLog } from '../audit/types.ts';
import { type Couch, controlDbOf, couchStatus, HUB_DB, storeError } from '../couch/index.ts';
import { pickWinner, type Revision, type WinnerRule } from './winner.ts';

/** `conflict/<site>/<docId>/<rev>` in `heng-hub`: one losing revision kept for review. */
export interface ConflictDoc {
  _id?: string;
  _rev?: string;
  type: 'conflict';
  site: string;
  docId: string;
  /** The revision that won. */
  winner: string;
  /** Which field decided (`couchdb`: the revisions did not say, so CouchDB's pick stood). */
  rule: WinnerRule;
  /** The losing revision, whole, as it was in the site's database. */
  loser: Revision;
  /** When the hub settled it. */
  at: string;
  /** Set when someone has looked at it. */
  reviewed?: { by: string; at: string };
}

/** The id of a kept loser in `heng-hub`. */
export const conflictDocId = (site: string, docId: string, rev: string): string =>
  `conflict/${site}/${docId}/${rev}`;

/** What {@link settleConflicts} did to one document. */
export interface ConflictResolution {
  site: string;
  docId: string;
  winner: string;
  rule: WinnerRule;
  losers: string[];
  /** Losing revisions the store would not delete (changed meanwhile); the feed brings them back. */
  notDeleted: string[];
}

/** What settling needs from the hub. */
export interface ConflictDeps {
  couch: Couch;
  audit: AuditLog;
  now?: () => Date;
}

async function read(
  db: nano.DocumentScope<Revision>,
  dbName: string,
  id: string,
  params: nano.DocumentGetParams,
): Promise<(Revision & { _conflicts?: string[] }) | undefined> {
  try {
    return (await db.get(id, params)) as Revision & { _conflicts?: string[] };
  } catch (err) {
    if (couchStatus(err) === 404) return undefined;
    throw storeError(err, `read ${id}${params.rev ? ` at ${params.rev}` : ''} in ${dbName}`);
  }
}

/**
 * Settles the conflicts of `docId` in the site's control database, if it has any; returns
 * undefined when it has none. Safe to repeat: a loser already kept is not kept twice, and a
 * loser already deleted no longer shows.
 */
export async function settleConflicts(
  deps: ConflictDeps,
  site: string,
  docId: string,
): Promise<ConflictResolution | undefined> {
  const dbName = controlDbOf(site);
  const db = deps.couch.db<Revision>(dbName);
  const current = await read(db, dbName, docId, { conflicts: true });
  if (!current?._conflicts?.length) return undefined;
  const { _conflicts: conflictRevs, ...couchWinner } = current;
  const others: Revision[] = [];
  for (const rev of conflictRevs) {
    const found = await read(db, dbName, docId, { rev });
    if (found && found._deleted !== true) others.push(found);
  }
  const { winner, rule } = pickWinner([couchWinner, ...others]);
  const losers = [couchWinner, ...others].filter((r) => r._rev !== winner._rev);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const hub = deps.couch.db<ConflictDoc>(HUB_DB);
  // Kept first, deleted after: a loser is never gone before its copy is safe.
  for (const loser of losers) {
    const record: ConflictDoc = {
      type: 'conflict',
      site,
      docId,
      winner: winner._rev,
      rule,
      loser,
      at,
    };
    try {
      await hub.insert(record, conflictDocId(site, docId, loser._rev));
    } catch (err) {
      if (couchStatus(err) !== 409) throw storeError(err, `keep the losing revision of ${docId}`);
    }
  }
  let replies: nano.DocumentBulkResponse[];
  try {
    replies = await db.bulk({
      docs: losers.map((l) => ({ _id: docId, _rev: l._rev, _deleted: true })),
    });
  } catch (err) {
    throw storeError(err, `delete the losing revisions of ${docId} in ${dbName}`);
  }
  const notDeleted = losers.map((l) => l._rev).filter((_, i) => replies[i]?.error !== undefined);
  const resolution: ConflictResolution = {
    site,
    docId,
    winner: winner._rev,
    rule,
    losers: losers.map((l) => l._rev),
    notDeleted,
  };
  await deps.audit.append({
    actor: 'hub',
    action: 'sync.conflict',
    target: `site/${site}/control/${docId}`,
    outcome: notDeleted.length === 0 ? 'ok' : 'failed',
    detail: {
      site,
      docId,
      docType: typeof winner['type'] === 'string' ? winner['type'] : null,
      winner: winner._rev,
      rule,
      losers: resolution.losers,
      ...(notDeleted.length > 0 ? { notDeleted } : {}),
    },
  });
  return resolution;
}
