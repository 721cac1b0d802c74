/**
 * @module The hub's HTTP surface on one Hono app: the API under `/api` (its OpenAPI document at
 * `/api/openapi.json`), the sync gateway under `/sync`. Every `/api` route but sign-in, health
 * and the document itself needs a token; each route names the ability it needs.
 */
import { SYNC_MOUNT } from '@heng/schemas';
import { Hono } from 'hono';
import type { HubEnv } from './api/env.ts';
import { errorResponse } from './api/http.ts';
import { openApiDocument } from './api/openapi.ts';
import { HUB_PLACE_FACTS, PlaceAccess } from './api/site-access.ts';
import type { CouchAuditLog } from './audit/index.ts';
import { auditRoutes } from './audit/routes.ts';
import {
  authMiddleware,
  type HubAuth,
  mayActAtSite,
  partiesRoutes,
  requireAbility,
  sameOriginWrites,
  tokenOf,
} from './auth/index.ts';
import { type Catalog, catalogRoutes } from './catalog/index.ts';
import { type Couch, HUB_PLACE } from './couch/index.ts';
import { syncGateway } from './gateway/index.ts';
import { type LiveHub, liveRoutes } from './live/index.ts';
import { HUB_OPERATIONS } from './operations.ts';
import { hubPluginRoutes } from './plugins/index.ts';
import { shellRoutes } from './shell-serve.ts';
import type { SiteRegistry } from './sites/registry.ts';
import { sitesRoutes } from './sites/routes.ts';
import type { SyncTracker } from './sites/sync-state.ts';
import { HUB_VERSION } from './version.ts';
import { watchRoutes } from './watch/index.ts';

/** Everything the routes work on, made once by startHub (or a test). */
export interface HubParts {
  couch: Couch;
  audit: CouchAuditLog;
  storeKind: 'embedded' | 'couchdb';
  auth: HubAuth;
  catalog: Catalog;
  registry: SiteRegistry;
  tracker: SyncTracker;
  /** The shared follower behind `GET /api/live`. */
  live: LiveHub;
  /**
   * Origins the hub is reached at besides each request's own (behind a TLS proxy, its public
   * origin): writes from any other origin are refused.
   */
  origins?: readonly string[];
  /** The built web shell to serve at `/`, when there is one. */
  shellDir?: string | undefined;
  now?: () => Date;
}

export function hubApp(parts: HubParts): Hono<HubEnv> {
  const { couch, auth, catalog, registry, tracker } = parts;
  const audit = parts.audit;
  const can = (ability: Parameters<typeof requireAbility>[0]) =>
    requireAbility<HubEnv>(ability, { audit });
  const app = new Hono<HubEnv>();
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `${c.req.method} ${c.req.path}: no such route` } },
      404,
    ),
  );

  app.route(
    SYNC_MOUNT,
    syncGateway({
      couch,
      authenticator: auth.authenticator,
      audit,
      onSeen: (site, at) => tracker.seen(site, at),
    }),
  );

  const document = openApiDocument(HUB_OPERATIONS, HUB_VERSION);
  app.get('/api/openapi.json', (c) => c.json(document));

  // Public: whether the hub and its store are up. Signed in with sites:read: every site's sync state too.
  app.get('/api/health', async (c) => {
    let store: Record<string, unknown>;
    try {
      store = { ok: true, kind: parts.storeKind, ...(await couch.ping()) };
    } catch (err) {
      store = { ok: false, kind: parts.storeKind, error: (err as Error).message };
    }
    const body: Record<string, unknown> = { ok: store['ok'], version: HUB_VERSION, store };
    const token = tokenOf(c);
    const principal = token ? await auth.authenticator.authenticate(token) : null;
    if (principal && store['ok'] && principal.roles.some((r) => r !== 'edge')) {
      const sites = (await registry.list(principal)).filter((s) =>
        mayActAtSite(principal, 'sites:read', s),
      );
      body['sites'] = await Promise.all(
        sites.map(async (s) => ({
          id: s.id,
          name: s.name,
          sync: await tracker.state(couch, s.id),
        })),
      );
    }
    return c.json(body, store['ok'] ? 200 : 503);
  });

  // Before any route: a write from another origin (another port too) never reaches one.
  app.use(
    '/api/*',
    sameOriginWrites({ tally: auth.tally, ...(parts.origins ? { origins: parts.origins } : {}) }),
  );
  app.route('/', partiesRoutes({ auth }) as unknown as Hono<HubEnv>);

  const api = new Hono<HubEnv>();
  api.use('*', authMiddleware<HubEnv>(auth.authenticator, { audit, tally: auth.tally }));
  // Every route of a place (a site, or the hub) checks organisation and clearance here, first.
  const places = new PlaceAccess({ find: (site) => registry.find(site), audit });
  places.guardRoutes(api, HUB_OPERATIONS);
  api.route(
    '/sites',
    sitesRoutes({
      couch,
      audit,
      registry,
      tracker,
      requireAbility: can,
      ...(parts.now ? { now: parts.now } : {}),
    }),
  );
  api.route('/', catalogRoutes({ couch, audit, catalog, requireAbility: can, places }));
  api.route(
    '/',
    watchRoutes({
      couch,
      audit,
      // The guard let through only the places each route takes: the hub too for its crashes.
      sites: {
        get: async (site, principal) =>
          site === HUB_PLACE ? HUB_PLACE_FACTS : registry.get(site, principal),
      },
      requireAbility: can,
      ...(parts.now ? { now: parts.now } : {}),
    }),
  );
  api.route('/hub', hubPluginRoutes({ couch, requireAbility: can }));
  api.route('/audit', auditRoutes({ log: audit, requireAbility: can }));
  api.route('/', liveRoutes({ live: parts.live, requireAbility: can }));
  app.route('/api', api);
  if (parts.shellDir) app.route('/', shellRoutes({ dir: parts.shellDir }));
  return app;
}
