/**
 * @module A plugin's StoragePort over an injected PouchDB database: every key lives under
 * `plugin/<pluginId>/` so a plugin can never reach another's documents, whatever it sends.
 */

import { HengError } from '@heng/schemas';
import type PouchDBStatic from 'pouchdb-core';
import {
  assertStorageKey,
  checkListArgs,
  decodeValue,
  encodeValue,
  entryBytes,
  pluginPrefix,
  shown,
} from './keys.ts';
import type { JsonValue, ListOptions, StorageEntry, StoragePort } from './port.ts';

/** A PouchDB database (the type only: core never loads PouchDB itself). */
export type PouchDatabase = InstanceType<typeof PouchDBStatic>;

/**
 * What the store needs of its database: PouchDB's `get`, `allDocs`, `put` and `remove`, failing
 * with `status` 404 and 409 as PouchDB does. A PouchDB database is one; the hub adapts CouchDB.
 */
export type PluginStoreDb = Pick<PouchDatabase, 'get' | 'allDocs' | 'put' | 'remove'>;

/** The document a stored entry becomes. */
export interface PluginStoreDoc {
  _id: string;
  _rev?: string;
  type: 'plugin-store';
  plugin: string;
  /** The value as JSON text, so it reads back exactly (`__proto__` keys, `-0` and all). */
  json: string;
}

const MAX_ATTEMPTS = 8;

const status = (err: unknown): number | undefined => (err as { status?: number } | null)?.status;

/**
 * Opens `pluginId`'s key/value space in `db`. `put` and `delete` retry on revision conflicts,
 * so concurrent writers (or a replication landing) never surface a 409 to the plugin.
 * @example
 * const store = createPluginStore(db, 'cn.hengyang.lighting');
 * await store.put('schedule/tonight', { dimTo: 40 });
 */
export function createPluginStore(db: PluginStoreDb, pluginId: string): StoragePort {
  const prefix = pluginPrefix(pluginId);
  const idOf = (key: string) => prefix + key;

  async function read(key: string): Promise<PluginStoreDoc | undefined> {
    try {
      return await db.get<PluginStoreDoc>(idOf(key));
    } catch (err) {
      if (status(err) === 404) return undefined;
      throw err;
    }
  }

  async function docs(keyPrefix: string, limit?: number): Promise<PluginStoreDoc[]> {
    const start = prefix + keyPrefix;
    const result = await db.allDocs<PluginStoreDoc>({
      include_docs: true,
      startkey: start,
      endkey: `${start}\uffff`,
      ...(limit === undefined ? {} : { limit }),
    });
    return result.rows.flatMap((row) => (row.doc ? [row.doc as PluginStoreDoc] : []));
  }

  return {
    async get(key) {
      assertStorageKey(key);
      const doc = await read(key);
      return doc ? decodeValue(doc.json) : undefined;
    },

    async put(key, value: JsonValue) {
      assertStorageKey(key);
      const json = encodeValue(key, value);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = await read(key);
        const doc: PluginStoreDoc = {
          _id: idOf(key),
          type: 'plugin-store',
          plugin: pluginId,
          json,
        };
        if (current?._rev) doc._rev = current._rev;
        try {
          await db.put(doc);
          return;
        } catch (err) {
          if (status(err) !== 409) throw err;
        }
      }
      throw new HengError(
        'internal',
        `storage put of ${shown(key)} for ${pluginId} kept conflicting (${MAX_ATTEMPTS} attempts)`,
      );
    },

    async delete(key) {
      assertStorageKey(key);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = await read(key);
        if (!current?._rev) return false;
        try {
          await db.remove(current._id, current._rev);
          return true;
        } catch (err) {
          if (status(err) === 404) return false;
          if (status(err) !== 409) throw err;
        }
      }
      throw new HengError(
        'internal',
        `storage delete of ${shown(key)} for ${pluginId} kept conflicting (${MAX_ATTEMPTS} attempts)`,
      );
    },

    async list(keyPrefix = '', options?: ListOptions): Promise<StorageEntry[]> {
      const limit = checkListArgs(keyPrefix, options);
      return (await docs(keyPrefix, limit)).map((doc) => ({
        key: doc._id.slice(prefix.length),
        value: decodeValue(doc.json),
      }));
    },

    async usage() {
      let bytes = 0;
      for (const doc of await docs('')) bytes += entryBytes(doc._id.slice(prefix.length), doc.json);
      return bytes;
    },
  };
}
