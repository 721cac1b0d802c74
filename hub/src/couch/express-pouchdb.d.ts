/** @module Types for express-pouchdb, which ships none: only what the embedded store uses. */
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    logPath?: string;
    configPath?: string;
  }
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  export default function expressPouchDB(
    PouchDB: unknown,
    options?: ExpressPouchDBOptions,
  ): Handler & { couchConfig?: unknown };
}
