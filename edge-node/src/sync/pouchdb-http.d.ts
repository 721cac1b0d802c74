/** @module Types for the PouchDB HTTP adapter, which ships none. */
declare module 'pouchdb-adapter-http' {
  const plugin: PouchDB.Plugin;
  export default plugin;
}

/** PouchDB's fetch (node-fetch with a cookie jar), which its HTTP adapter uses by default. */
declare module 'pouchdb-fetch' {
  export function fetch(url: string, init?: RequestInit): Promise<Response>;
}
