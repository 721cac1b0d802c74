/**
 * @module Test fixture: PouchDB as an edge runs it (LevelDB in a temp dir, the HTTP adapter, the
 * replicator), and a remote handle on the gateway that sends the site's bearer token.
 */
import path from 'node:path';
import httpAdapter from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';

// pouchdb-core is one constructor per process that plugins change in place: register once.
const registered = PouchDB as unknown as {
  adapters?: Record<string, unknown>;
  replicate?: unknown;
};
if (!registered.adapters?.['leveldb']) PouchDB.plugin(leveldb);
if (!registered.adapters?.['http']) PouchDB.plugin(httpAdapter);
if (typeof registered.replicate !== 'function') PouchDB.plugin(replication);

/** What a one-shot replication reports. */
export interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}

/** A live replication, as far as the tests use it. */
export interface LiveReplication {
  on(event: 'change' | 'paused' | 'error' | 'denied', listener: (info: unknown) => void): this;
  cancel(): void;
}

interface Replicator {
  replicate(
    source: PouchDB.Database,
    target: PouchDB.Database,
    options?: Record<string, unknown>,
  ): Promise<ReplicationResult> & LiveReplication;
}

/** A LevelDB database under `dir`, as on an edge. */
export function edgeDb(dir: string, name: string): PouchDB.Database {
  return new PouchDB(path.join(dir, name), {
    adapter: 'leveldb',
  } as PouchDB.Configuration.DatabaseConfiguration);
}

/**
 * The site's database behind the gateway, the way an edge opens it: the token in a header that
 * PouchDB adds to every request, and no attempt to create the database (the hub does that).
 */
export function gatewayDb(url: string, token: string): PouchDB.Database {
  return new PouchDB(url, {
    skip_setup: true,
    headers: { Authorization: `Bearer ${token}` },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

/** The same, with the token set by a `fetch` wrapper (PouchDB's documented hook). */
export function gatewayDbWithFetch(url: string, token: string): PouchDB.Database {
  return new PouchDB(url, {
    skip_setup: true,
    fetch: (input: string | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return PouchDB.fetch(input, { ...init, headers });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

/** A plain remote handle (no gateway), e.g. straight to the store with its Basic credentials. */
export function remoteDb(url: string, authorization: string | undefined): PouchDB.Database {
  return new PouchDB(url, {
    skip_setup: true,
    headers: authorization ? { Authorization: authorization } : {},
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

/** Starts `source` → `target` replication (one-shot unless `live`). */
export function replicate(
  source: PouchDB.Database,
  target: PouchDB.Database,
  options: Record<string, unknown> = {},
): Promise<ReplicationResult> & LiveReplication {
  return (PouchDB as unknown as Replicator).replicate(source, target, options);
}
