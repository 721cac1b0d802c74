/**
 * @module Hub plugins' storage: the core's plugin store (one key space per plugin, conflicts
 * retried) over a CouchDB database through nano, which fails with `statusCode` where PouchDB
 * fails with `status`.
 */
import { createPluginStore, type PluginStoreDb, type StoragePort } from '@heng/core';
import type nano from 'nano';
import { type Couch, couchStatus } from '../couch/index.ts';

/** A nano failure as PouchDB would report it: `status` 404 and 409 are what the store acts on. */
function asPouchError(err: unknown): never {
  const status = couchStatus(err);
  if (status !== undefined && err instanceof Error) Object.assign(err, { status });
  throw err;
}

/** The PouchDB calls the plugin store makes, answered by nano. */
function couchAsPouch(db: nano.DocumentScope<unknown>): PluginStoreDb {
  const store = {
    get: (id: string) => db.get(id).catch(asPouchError),
    allDocs: (options: nano.DocumentFetchParams) => db.list(options).catch(asPouchError),
    put: (doc: nano.MaybeDocument) => db.insert(doc).catch(asPouchError),
    remove: (id: string, rev: string) => db.destroy(id, rev).catch(asPouchError),
  };
  // The replies have the fields the store reads (`_rev`, `rows[].doc`); the store never calls
  // PouchDB's other overloads.
  return store as unknown as PluginStoreDb;
}

/** Opens hub plugins' stores in `db` (which must exist). */
export function couchPluginStores(couch: Couch, db: string): (pluginId: string) => StoragePort {
  const pouchLike = couchAsPouch(couch.db(db));
  return (pluginId) => createPluginStore(pouchLike, pluginId);
}
