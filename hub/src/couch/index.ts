/** @module The hub's store: CouchDB through nano, embedded or real. */
export {
  Couch,
  type CouchTarget,
  couchStatus,
  parseCouchUrl,
  type StoreAccess,
  storeError,
} from './couch.ts';
export { type EmbeddedCouch, type EmbeddedCouchOptions, startEmbeddedCouch } from './embedded.ts';
export * from './names.ts';
export { type HubStore, type OpenStoreOptions, openHubStore } from './store.ts';
