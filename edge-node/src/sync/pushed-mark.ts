/**
 * @module What the hub has of a telemetry segment: the last source sequence the push replication
 * wrote to the hub, kept in the segment itself as a `_local` document (never replicated). The
 * retention of day segments asks it before dropping one.
 */

const MARK_ID = '_local/heng-pushed';

interface PushedMark {
  _id: string;
  _rev?: string;
  /** The segment's update sequence up to which every document is at the hub. */
  seq: number;
  at: string;
}

async function readMark(db: PouchDB.Database): Promise<PushedMark | undefined> {
  try {
    return (await db.get(MARK_ID)) as unknown as PushedMark;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Records that documents up to `seq` are at the hub; never moves the mark back. */
export async function markPushed(db: PouchDB.Database, seq: number): Promise<void> {
  const mark = await readMark(db);
  if (mark && mark.seq >= seq) return;
  const next: PushedMark = { _id: MARK_ID, seq, at: new Date().toISOString() };
  if (mark?._rev) next._rev = mark._rev;
  await db.put(next as unknown as PouchDB.Core.PutDocument<object>);
}

/**
 * True when every document of the segment is at the hub: its update sequence is not past the
 * mark. `_local` documents do not move the sequence, so the mark does not chase itself.
 */
export async function isPushed(db: PouchDB.Database): Promise<boolean> {
  const [mark, info] = await Promise.all([readMark(db), db.info()]);
  return mark !== undefined && Number(info.update_seq) <= mark.seq;
}
