/**
 * @module PouchDB for the edge: LevelDB on disk (the default), in memory for unit tests. One
 * constructor per process, plugins registered once.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import leveldb from 'pouchdb-adapter-leveldb';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';

// pouchdb-core is one shared constructor that plugins change in place: register each plugin once,
// however many copies of this module a process loads (Node-RED imports the palette on its own).
const registered = PouchDB as unknown as {
  adapters?: Record<string, unknown>;
  replicate?: unknown;
};
if (!registered.adapters?.['leveldb']) PouchDB.plugin(leveldb);
if (typeof registered.replicate !== 'function') PouchDB.plugin(replication);
const EdgePouch = PouchDB;

export type EdgeDatabase = PouchDB.Database;

export interface OpenDatabaseOptions {
  /**
   * Revision ids from an MD5 of the document (PouchDB's default, true), so that the same edit
   * made on two replicas gets the same id. Documents written once and never edited (telemetry
   * batches) gain nothing from it and pay a second JSON serialisation and a hash per write:
   * false gives them random revision ids instead.
   */
  deterministicRevs?: boolean;
}

/** Opens (creating it if needed) the LevelDB database `name` under `dir`. */
export async function openDatabase(
  dir: string,
  name: string,
  options: OpenDatabaseOptions = {},
): Promise<EdgeDatabase> {
  await mkdir(dir, { recursive: true });
  // deterministic_revs is a PouchDB option its types do not list.
  const settings = {
    adapter: 'leveldb',
    deterministic_revs: options.deterministicRevs ?? true,
  } as PouchDB.Configuration.DatabaseConfiguration;
  return new EdgePouch(path.join(dir, name), settings) as EdgeDatabase;
}

/** Names of the databases under `dir` that start with `prefix`, sorted. */
export async function databasesUnder(dir: string, prefix: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((name) => name.startsWith(prefix)).sort();
}
