/**
 * @module Where the hub's watch of each site has got to: `watch/<site>` in `heng-hub` holds the
 * last `_changes` position handled, so a restarted hub resumes there instead of replaying the
 * whole control database.
 */
import { type Couch, couchStatus, HUB_DB, storeError } from '../couch/index.ts';
import type { Seq } from './feed.ts';

/** `watch/<site>` in `heng-hub`. */
export interface WatchCheckpointDoc {
  _id?: string;
  _rev?: string;
  type: 'watch';
  site: string;
  since: Seq;
  at: string;
}

export const checkpointId = (site: string): string => `watch/${site}`;

/** Reads and saves one site's position; it keeps the revision so a save is one request. */
export class WatchCheckpoint {
  readonly #couch: Couch;
  readonly #site: string;
  #rev: string | undefined;

  constructor(couch: Couch, site: string) {
    this.#couch = couch;
    this.#site = site;
  }

  /** The saved position, or 0 (the beginning) for a site never watched. */
  async load(): Promise<Seq> {
    try {
      const doc = await this.#couch.db<WatchCheckpointDoc>(HUB_DB).get(checkpointId(this.#site));
      this.#rev = doc._rev;
      return doc.since;
    } catch (err) {
      if (couchStatus(err) === 404) return 0;
      throw storeError(err, `read the watch position of ${this.#site}`);
    }
  }

  /** Saves `since`; a stale revision (another writer) is read again once. */
  async save(since: Seq, at: string): Promise<void> {
    const db = this.#couch.db<WatchCheckpointDoc>(HUB_DB);
    const doc: WatchCheckpointDoc = { type: 'watch', site: this.#site, since, at };
    for (let attempt = 0; ; attempt++) {
      try {
        const saved = await db.insert(
          { ...doc, ...(this.#rev ? { _rev: this.#rev } : {}) },
          checkpointId(this.#site),
        );
        this.#rev = saved.rev;
        return;
      } catch (err) {
        if (couchStatus(err) !== 409 || attempt > 0)
          throw storeError(err, `save the watch position of ${this.#site}`);
        await this.load();
      }
    }
  }
}
