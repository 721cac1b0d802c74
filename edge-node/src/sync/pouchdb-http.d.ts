/** @module Types for the PouchDB HTTP adapter, which ships none. */
declare module 'pouchdb-adapter-http' {
  const plugin: PouchDB.Plugin;
  export default plugin;
}
