/**
 * @module The stores the hub's store tests run against: always the embedded server, and a real
 * CouchDB when `COUCHDB_URL` is set (skipped with a printed reason otherwise), so that CouchDB 3
 * is a configuration, not a port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type nano from 'nano';
import type { Couch } from './couch.ts';
import { type HubStore, openHubStore } from './store.ts';

export interface StoreTarget {
  name: 'embedded' | 'couchdb';
  /** Why it is skipped, when it is. */
  skip?: string;
  open(): Promise<HubStore & { dir: string }>;
}

const couchdbUrl = process.env['COUCHDB_URL'];

/** Names `uniqueDbName` gave out, dropped when a CouchDB store of the tests closes. */
const named = new Set<string>();

async function open(couchdb: string | undefined): Promise<HubStore & { dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-store-'));
  const store = await openHubStore({ dataDir: dir, couchdbUrl: couchdb });
  const close = async () => {
    // The embedded store's databases go with its folder; a shared CouchDB keeps them unless told.
    if (store.kind === 'couchdb') for (const name of named) await store.couch.dropDb(name);
    named.clear();
    await store.close();
    // The embedded store does not close its LevelDB handles (see hub/README.md): one may still
    // write a log file while the folder goes, so removal retries on ENOTEMPTY.
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  return { ...store, dir, close, [Symbol.asyncDispose]: close };
}

export const STORE_TARGETS: StoreTarget[] = [
  { name: 'embedded', open: () => open(undefined) },
  couchdbUrl
    ? { name: 'couchdb', open: () => open(couchdbUrl) }
    : {
        name: 'couchdb',
        skip: 'COUCHDB_URL is not set: set it (http://user:password@host:5984) to run these tests against a real CouchDB',
        open: () => Promise.reject(new Error('COUCHDB_URL is not set')),
      },
];

/** Test database names unique per run, so runs against a shared CouchDB never collide. */
export function uniqueDbName(stem: string): string {
  const name = `heng-test-${stem}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  named.add(name);
  return name;
}

for (const t of STORE_TARGETS) if (t.skip) console.info(`skipping the ${t.name} store: ${t.skip}`);

/**
 * A store seen through database names of one app's own: a hub's fixed names
 * (`heng-hub`, `heng-hub-control`, `heng-site-<id>-control`) become unique ones, so tests on a
 * shared CouchDB never meet each other, another run, or a hub's real databases. The code under test
 * must reach its store only through `db()`; `url` and `server` would bypass the names, so they
 * throw rather than let a test touch the real `heng-hub`.
 */
export class NamespacedCouch implements Couch {
  readonly authorization: string | undefined;
  readonly #inner: Couch;
  readonly #names = new Map<string, string>();

  constructor(inner: Couch) {
    this.#inner = inner;
    this.authorization = inner.authorization;
  }
  get url(): string {
    throw new Error('the test store maps database names in db() only; url would bypass them');
  }
  get server(): nano.ServerScope {
    throw new Error('the test store maps database names in db() only; server would bypass them');
  }
  /** The unique name that stands for `name` here. */
  nameOf(name: string): string {
    let unique = this.#names.get(name);
    if (!unique) {
      unique = uniqueDbName(name.replace(/^heng-/, ''));
      this.#names.set(name, unique);
    }
    return unique;
  }
  db<D = unknown>(name: string): nano.DocumentScope<D> {
    return this.#inner.db<D>(this.nameOf(name));
  }
  ensureDb(name: string): Promise<void> {
    return this.#inner.ensureDb(this.nameOf(name));
  }
  dropDb(name: string): Promise<void> {
    return this.#inner.dropDb(this.nameOf(name));
  }
  ping(): Promise<{ vendor: string; version: string }> {
    return this.#inner.ping();
  }
}
