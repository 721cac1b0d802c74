/**
 * @module The hub's apps database as the core's app runner reads it: documents through nano, and
 * the changes feed the site watcher also uses.
 */
import type { AppRecords } from '@heng/core';
import { toHengError } from '@heng/schemas';
import { DocStore } from '../catalog/doc-store.ts';
import type { Couch } from '../couch/index.ts';
import { ChangesFeed, type ChangesFeedOptions } from '../watch/index.ts';

export interface CouchRecordsOptions {
  couch: Couch;
  db: string;
  /** Longpoll wait and backoff of the feed (see ChangesFeedOptions). */
  feed?: Pick<ChangesFeedOptions, 'longpollMs' | 'backoff' | 'onFault'>;
}

/** `db` as app records: reads, the status writes, and a feed from the beginning. */
export function couchRecords({ couch, db, feed }: CouchRecordsOptions): AppRecords {
  const store = new DocStore(couch, db);
  return {
    get: (id) => store.get(id),
    allWithPrefix: (prefix) => store.list(prefix),
    async attachment(id, name) {
      try {
        return await store.attachment(id, name);
      } catch (err) {
        if (toHengError(err).code === 'not_found') return undefined;
        throw err;
      }
    },
    async put(doc) {
      await store.put(doc._id, doc);
    },
    follow(onChange) {
      const changes = new ChangesFeed({
        ...feed,
        couch,
        db,
        since: 0,
        onPage: async (rows) => {
          for (const row of rows) onChange(row.id);
        },
      });
      changes.start();
      return { cancel: () => changes.dispose() };
    },
  };
}
