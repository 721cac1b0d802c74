/**
 * @module Starts the hub: its store (embedded or CouchDB), the audit log, parties and tokens,
 * the catalog, the site registry, the site watcher, the hub's own plugins, and the HTTP server
 * for the API and the sync gateway.
 */

import type { AddressInfo } from 'node:net';
import { CleanupStack } from '@heng/core';
import { SITE_STATUS_DOC_ID } from '@heng/schemas';
import { serve } from '@hono/node-server';
import { hubApp } from './app.ts';
import { CouchAuditLog } from './audit/index.ts';
import { HubAuth } from './auth/index.ts';
import { Catalog } from './catalog/index.ts';
import {
  HUB_CONTROL_DB,
  HUB_DB,
  HUB_PLACE,
  HUB_PLUGIN_DATA_DB,
  openHubStore,
} from './couch/index.ts';
import { LiveHub } from './live/index.ts';
import { HubPlugins } from './plugins/index.ts';
import { SiteRegistry } from './sites/registry.ts';
import { SyncTracker } from './sites/sync-state.ts';
import { SiteSecurity } from './validation/index.ts';
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
  /** How long an edge counts as online after its last request at the gateway, ms (default 90 s). */
  onlineWindowMs?: number | undefined;
  /**
   * Origins besides the hub's own that browsers may write from, e.g. `https://hub.city.example`
   * when a TLS proxy serves the hub: the origin a browser sends is then the proxy's.
   */
  origins?: readonly string[] | undefined;
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
  /** The plugins the hub runs (`runsOn: hub`), installed at the place `hub`. */
  plugins: HubPlugins;
  close(): Promise<void>;
}

export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  // Everything opened is registered as it opens: a start that fails at any step closes what it
  // had, last first, and the running hub's close is the same list.
  const opened = new CleanupStack();
  try {
    const store = opened.adopt(
      await openHubStore({ dataDir: options.dataDir, couchdbUrl: options.couchdbUrl }),
      (s) => s.close(),
    );
    const { couch } = store;
    for (const db of [HUB_DB, HUB_CONTROL_DB, HUB_PLUGIN_DATA_DB]) await couch.ensureDb(db);
    const audit = await CouchAuditLog.open(couch);
    // On a real CouchDB, the second layer (site users, validation); nothing on the embedded store.
    const security = new SiteSecurity({ couch, audit });
    await security.secureAll();
    const auth = opened.adopt(await HubAuth.open(couch, { audit }), (a) => a.close()); // writes the refusals still counted in the audit log
    const catalog = new Catalog({ couch, audit });
    const tracker = new SyncTracker({ onlineWindowMs: options.onlineWindowMs });
    const watcher = opened.adopt(new SiteWatcher({ couch, audit, catalog }), (w) => w.dispose());
    watcher.on('page', ({ site, ids }) => {
      if (ids.includes(SITE_STATUS_DOC_ID)) tracker.reportChanged(site);
    });
    watcher.on('fault', ({ site, error, retryInMs }) => {
      console.error(
        `heng-hub: following site ${site}: ${error.message}${retryInMs ? `; again in ${retryInMs} ms` : ''}`,
      );
    });
    const registry = new SiteRegistry({
      couch,
      audit,
      security,
      tokens: {
        issueEdgeToken: async (site) => (await auth.issueEdgeToken(site)).token,
        revokeEdgeTokens: async (site) => {
          await auth.revokeTokens({ kind: 'edge', id: site });
        },
      },
      seed: (site) => catalog.seedNewSite(site),
      organisations: {
        exists: async (id) => (await auth.parties.getOrganisation(id)) !== undefined,
      },
      onRegistered: (site) => watcher.watch(site),
    });
    const plugins = opened.adopt(new HubPlugins({ couch, audit, sites: registry }), (p) =>
      p.dispose(),
    );
    watcher.on('event', ({ site, event }) => plugins.deliverSiteEvent(site, event));
    await watcher.start();
    await watcher.watch(HUB_PLACE);
    plugins.start();
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
      ...(options.origins?.length ? { origins: options.origins } : {}),
    };
    const app = hubApp(parts);
    const host = options.host ?? '127.0.0.1';
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () =>
        resolve(s),
      );
      s.once('error', reject);
    });
    opened.defer(async () => {
      // Stop accepting first: an edge retrying between the two calls would hold the server open.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await stopped;
    });
    // Closed first: the live streams would hold the server open.
    opened.defer(() => live.close());
    const { port } = server.address() as AddressInfo;
    const running = opened.move();
    const close = () => running.disposeAsync();
    return {
      url: `http://${host}:${port}`,
      storeKind: store.kind,
      storeUrl: couch.url,
      admin: bootstrapped ? { id: bootstrapped.user, password: bootstrapped.password } : null,
      parts,
      plugins,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (err) {
    await opened.disposeAsync();
    throw err;
  }
}
