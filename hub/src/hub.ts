/**
 * @module Starts the hub: its store (embedded or CouchDB), the audit log, parties and tokens,
 * the catalog, the site registry, and the HTTP server for the API and the sync gateway.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { hubApp } from './app.ts';
import { CouchAuditLog } from './audit/index.ts';
import { HubAuth } from './auth/index.ts';
import { Catalog } from './catalog/index.ts';
import { HUB_DB, openHubStore } from './couch/index.ts';
import { LiveHub } from './live/index.ts';
import { SiteRegistry } from './sites/registry.ts';
import { SyncTracker } from './sites/sync-state.ts';
import { SiteWatcher } from './watch/index.ts';

export interface StartHubOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  dataDir: string;
  /** A CouchDB to use instead of the embedded store. */
  couchdbUrl?: string | undefined;
  /** The built web shell (index.html and assets) to serve at `/`; none when absent. */
  shellDir?: string | undefined;
}

export interface RunningHub extends AsyncDisposable {
  /** `http://host:port` */
  url: string;
  storeKind: 'embedded' | 'couchdb';
  /** The store's URL without credentials. */
  storeUrl: string;
  /** The administrator made at this start, with its password: only on the first start. */
  admin: { id: string; password: string } | null;
  parts: Parameters<typeof hubApp>[0];
  close(): Promise<void>;
}

export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const store = await openHubStore({ dataDir: options.dataDir, couchdbUrl: options.couchdbUrl });
  try {
    const { couch } = store;
    await couch.ensureDb(HUB_DB);
    const audit = await CouchAuditLog.open(couch);
    const auth = await HubAuth.open(couch, { audit });
    const catalog = new Catalog({ couch, audit });
    const tracker = new SyncTracker();
    const watcher = new SiteWatcher({ couch, audit, catalog });
    watcher.on('page', ({ site, ids }) => {
      if (ids.includes('site-status/current')) tracker.reportChanged(site);
    });
    watcher.on('fault', ({ site, error, retryInMs }) => {
      console.error(
        `heng-hub: following site ${site}: ${error.message}${retryInMs ? `; again in ${retryInMs} ms` : ''}`,
      );
    });
    const registry = new SiteRegistry({
      couch,
      audit,
      tokens: {
        issueEdgeToken: async (site) => (await auth.issueEdgeToken(site)).token,
        revokeEdgeTokens: async (site) => {
          await auth.revokeTokens({ kind: 'edge', id: site });
        },
      },
      seed: (site) => catalog.seedNewSite(site),
      onRegistered: (site) => watcher.watch(site),
    });
    await watcher.start();
    const bootstrapped = await auth.bootstrapAdmin();
    const live = new LiveHub({ couch, tracker });
    const parts = {
      couch,
      audit,
      storeKind: store.kind,
      auth,
      catalog,
      registry,
      tracker,
      live,
      shellDir: options.shellDir,
    };
    const stopWatching = () => watcher.dispose();
    const app = hubApp(parts);
    const host = options.host ?? '127.0.0.1';
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () =>
        resolve(s),
      );
      s.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    let closed: Promise<void> | undefined;
    const close = () => {
      closed ??= (async () => {
        await live.close(); // ends the live streams, which would hold the server open
        // Stop accepting first: an edge retrying between the two calls would hold the server open.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
        await stopped;
        await stopWatching();
        await store.close();
      })();
      return closed;
    };
    return {
      url: `http://${host}:${port}`,
      storeKind: store.kind,
      storeUrl: couch.url,
      admin: bootstrapped ? { id: bootstrapped.user, password: bootstrapped.password } : null,
      parts,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
