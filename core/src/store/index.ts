/** @module Storage ports: one plugin's key/value space, over PouchDB or in memory. */
export {
  assertStorageKey,
  DEFAULT_LIST_LIMIT,
  entryBytes,
  MAX_KEY_LENGTH,
  MAX_LIST_LIMIT,
  storageKeyProblem,
} from './keys.ts';
export { createMemoryStore } from './memory-store.ts';
export type { JsonValue, ListOptions, StorageEntry, StoragePort } from './port.ts';
export {
  createPluginStore,
  type PluginStoreDb,
  type PluginStoreDoc,
  type PouchDatabase,
} from './pouch-store.ts';
