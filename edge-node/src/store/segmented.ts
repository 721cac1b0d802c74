/**
 * @module The day segments of one site's telemetry on disk, and retention: the oldest segments
 * go first when there are too many or they take too much disk, but never one that has not been
 * fully replicated to the hub.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { databasesUnder, type EdgeDatabase, openDatabase } from './pouch.ts';
import { isSegment, SEGMENT_PREFIX } from './segments.ts';

export interface RetentionPolicy {
  /** Keep at most this many day segments. */
  maxSegments?: number;
  /** Keep at most this many bytes of telemetry on disk. */
  maxBytes?: number;
  /** Whether the hub has every document of this segment (its replication checkpoint). */
  isReplicated(name: string, db: EdgeDatabase): Promise<boolean>;
}

export class SegmentedTelemetry implements AsyncDisposable {
  readonly dir: string;
  readonly #open = new Map<string, Promise<EdgeDatabase>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The database of a segment, opened once. */
  segment(name: string): Promise<EdgeDatabase> {
    let db = this.#open.get(name);
    if (!db) {
      // Batches are written once and never edited: no use for deterministic revision ids.
      db = openDatabase(this.dir, name, { deterministicRevs: false });
      this.#open.set(name, db);
    }
    return db;
  }

  /** Segments on disk, oldest first. */
  async names(): Promise<string[]> {
    return (await databasesUnder(this.dir, SEGMENT_PREFIX)).filter(isSegment);
  }

  /** Bytes a segment takes on disk. */
  async bytes(name: string): Promise<number> {
    const folder = path.join(this.dir, name);
    let total = 0;
    for (const entry of await readdir(folder, { recursive: true })) {
      // LevelDB renames and removes its files as it writes: one listed a moment ago may be gone.
      const info = await stat(path.join(folder, entry)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (info?.isFile()) total += info.size;
    }
    return total;
  }

  /**
   * Drops the oldest segments while there are more than `maxSegments` or they take more than
   * `maxBytes`, skipping none: it stops at the first segment not yet replicated, and never drops
   * the newest (being written). Returns the names dropped.
   */
  async retain(policy: RetentionPolicy): Promise<string[]> {
    const names = await this.names();
    const sizes = new Map<string, number>();
    for (const name of names) sizes.set(name, await this.bytes(name));
    let total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const dropped: string[] = [];
    for (const name of names.slice(0, -1)) {
      const tooMany =
        policy.maxSegments !== undefined && names.length - dropped.length > policy.maxSegments;
      const tooBig = policy.maxBytes !== undefined && total > policy.maxBytes;
      if (!tooMany && !tooBig) break;
      const db = await this.segment(name);
      if (!(await policy.isReplicated(name, db))) break;
      await db.close();
      this.#open.delete(name);
      await rm(path.join(this.dir, name), { recursive: true, force: true });
      total -= sizes.get(name) ?? 0;
      dropped.push(name);
    }
    return dropped;
  }

  async close(): Promise<void> {
    const open = [...this.#open.values()];
    this.#open.clear();
    for (const db of open) await (await db).close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
