import {
  assertStorageKey,
  checkListArgs,
  decodeValue,
  encodeValue,
  entryBytes,
  pluginPrefix,
} from './keys.ts';
import type { StorageEntry, StoragePort } from './port.ts';

/**
 * A plugin's store in memory. Pass the same `backing` map to stores of several plugins to
 * share one "database" between them, as the PouchDB store does.
 */
export function createMemoryStore(
  pluginId: string,
  backing = new Map<string, string>(),
): StoragePort {
  const prefix = pluginPrefix(pluginId);
  const keysWith = (keyPrefix: string): string[] =>
    [...backing.keys()]
      .filter((id) => id.startsWith(prefix + keyPrefix))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  return {
    async get(key) {
      assertStorageKey(key);
      const json = backing.get(prefix + key);
      return json === undefined ? undefined : decodeValue(json);
    },
    async put(key, value) {
      assertStorageKey(key);
      backing.set(prefix + key, encodeValue(key, value));
    },
    async delete(key) {
      assertStorageKey(key);
      return backing.delete(prefix + key);
    },
    async list(keyPrefix = '', options): Promise<StorageEntry[]> {
      const limit = checkListArgs(keyPrefix, options);
      return keysWith(keyPrefix)
        .slice(0, limit)
        .map((id) => ({ key: id.slice(prefix.length), value: decodeValue(backing.get(id)!) }));
    },
    async usage() {
      let bytes = 0;
      for (const id of keysWith('')) bytes += entryBytes(id.slice(prefix.length), backing.get(id)!);
      return bytes;
    },
  };
}
