/**
 * @module The losers of settled conflicts, for people to review: a site's list, and marking one
 * reviewed. A kept loser is shown only to those cleared for its data class.
 */
import { HengError } from '@heng/schemas';
import { cleared, type Principal } from '../auth/types.ts';
import { type Couch, couchStatus, HUB_DB, storeError } from '../couch/index.ts';
import type { ConflictDoc } from './conflicts.ts';

/** A kept loser as the API shows it; `id` (`<docId>/<rev>`) names it in the dismiss route. */
export type ConflictView = Omit<ConflictDoc, '_id' | '_rev' | 'type'> & { id: string };

const prefixOf = (site: string) => `conflict/${site}/`;

function visible(doc: ConflictDoc, principal: Principal): boolean {
  const dataClass = doc.loser['dataClass'];
  return cleared(
    principal.clearance,
    typeof dataClass === 'string' ? (dataClass as never) : undefined,
  );
}

function viewOf(doc: ConflictDoc): ConflictView {
  const { _id, _rev, type: _type, ...rest } = doc;
  return { ...rest, id: `${doc.docId}/${doc.loser._rev}` };
}

/** A site's kept losers, newest first; `reviewed` filters on whether they were dismissed. */
export async function listConflicts(
  couch: Couch,
  site: string,
  principal: Principal,
  reviewed?: boolean,
): Promise<ConflictView[]> {
  const prefix = prefixOf(site);
  let docs: ConflictDoc[];
  try {
    const rows = await couch
      .db<ConflictDoc>(HUB_DB)
      .list({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    docs = rows.rows.flatMap((r) => (r.doc?.type === 'conflict' ? [r.doc] : []));
  } catch (err) {
    throw storeError(err, `list the conflicts of ${site}`);
  }
  return docs
    .filter((d) => visible(d, principal))
    .filter((d) => reviewed === undefined || (d.reviewed !== undefined) === reviewed)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map(viewOf);
}

/**
 * Marks one kept loser reviewed. not_found when there is none (or the principal may not see
 * it), conflict when it was dismissed already.
 */
export async function dismissConflict(
  couch: Couch,
  site: string,
  id: string,
  by: Principal,
  at: string,
): Promise<ConflictView> {
  const db = couch.db<ConflictDoc>(HUB_DB);
  const docId = `${prefixOf(site)}${id}`;
  let doc: ConflictDoc;
  try {
    doc = await db.get(docId);
  } catch (err) {
    if (couchStatus(err) === 404)
      throw new HengError('not_found', `no conflict ${id} was kept for site ${site}`);
    throw storeError(err, `read conflict ${id} of ${site}`);
  }
  if (doc.type !== 'conflict' || !visible(doc, by))
    throw new HengError('not_found', `no conflict ${id} was kept for site ${site}`);
  if (doc.reviewed)
    throw new HengError(
      'conflict',
      `conflict ${id} of site ${site} was dismissed already, by ${doc.reviewed.by} at ${doc.reviewed.at}`,
    );
  doc.reviewed = { by: `${by.kind}:${by.id}`, at };
  try {
    await db.insert(doc);
  } catch (err) {
    throw storeError(err, `dismiss conflict ${id} of ${site}`);
  }
  return viewOf(doc);
}
