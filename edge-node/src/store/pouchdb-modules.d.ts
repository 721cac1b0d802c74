/** @module Types for the PouchDB plugin the edge loads that ships none. */
declare module 'pouchdb-replication' {
  const plugin: PouchDB.Plugin;
  export default plugin;
}
