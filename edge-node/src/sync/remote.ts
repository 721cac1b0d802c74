/**
 * @module The hub's side of a replication: one of the site's databases behind the hub's sync
 * gateway, reached with the site's bearer token.
 */
import { type SiteDb, syncPath } from '@heng/schemas';
import httpAdapter from 'pouchdb-adapter-http';
import PouchDB from 'pouchdb-core';
import '../store/index.ts';
import { couchShapedFetch } from './couch-errors.ts';

// pouchdb-core is one constructor shared by the process: register the adapter once.
const registered = PouchDB as unknown as { adapters?: Record<string, unknown> };
if (!registered.adapters?.['http']) PouchDB.plugin(httpAdapter);

/** The two databases a site replicates with the hub. */
export type RemoteDb = SiteDb;

export interface RemoteOptions {
  /** The hub's base URL, e.g. `https://hub.example.city`. */
  hub: URL;
  site: string;
  db: RemoteDb;
  /** The site's edge token. Sent as a header only; never part of a URL, log line or error. */
  token: string;
}

/** `<hub>/sync/<site>/<db>`, without credentials. */
export function remoteUrl(hub: URL, site: string, db: RemoteDb): string {
  const base = hub.href.endsWith('/') ? hub.href : `${hub.href}/`;
  // Relative to the hub's own path, so a hub served below a prefix keeps it.
  return new URL(syncPath(site, db).slice(1), base).href;
}

/**
 * A PouchDB handle on the site's database at the hub. `skip_setup`: the edge never tries to
 * create a database there (the hub makes them when it registers the site; the gateway would
 * refuse anyway). Error replies reach PouchDB only in CouchDB's shape (`couchShapedFetch`).
 */
export function openRemote(options: RemoteOptions): PouchDB.Database {
  const settings = {
    skip_setup: true,
    headers: { Authorization: `Bearer ${options.token}` },
    fetch: couchShapedFetch,
  } as PouchDB.Configuration.RemoteDatabaseConfiguration;
  return new PouchDB(remoteUrl(options.hub, options.site, options.db), settings);
}
