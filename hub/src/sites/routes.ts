/**
 * @module The sites API: register and list sites with their sync state, rotate a site's edge
 * token, send commands and read their outcomes, read events and telemetry page by page. Whether
 * the caller may act at the site (organisation, clearance) is checked in front of every route
 * with a `:site` by the app's site guard (`api/site-access.ts`).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import { checkBody, intQuery, readJson } from '../api/http.ts';
import type { AuditLog } from '../audit/types.ts';
import { mayActAtSite } from '../auth/roles.ts';
import type { Ability } from '../auth/types.ts';
import type { Couch } from '../couch/index.ts';
import type { SiteRegistry } from './registry.ts';
import { commandWithOutcome, listEvents, principalRequester, sendCommand } from './site-data.ts';
import type { SyncTracker } from './sync-state.ts';
import { telemetryPage, telemetryPageRequest } from './telemetry-pages.ts';

export interface SitesRoutesOptions {
  couch: Couch;
  audit: AuditLog;
  registry: SiteRegistry;
  tracker: SyncTracker;
  /** The auth middleware for one ability (hub/src/auth). */
  requireAbility: (ability: Ability) => MiddlewareHandler<HubEnv>;
  now?: () => Date;
}

/** Routes under `/api/sites`. */
export function sitesRoutes(o: SitesRoutesOptions): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  const { registry, tracker, couch } = o;
  const withSync = async <S extends { id: string }>(site: S) => ({
    ...site,
    sync: await tracker.state(couch, site.id),
  });
  const strip = <T extends { _id?: string; _rev?: string }>({ _id, _rev, ...rest }: T) => rest;

  app.post('/', o.requireAbility('sites:write'), async (c) => {
    const site = checkBody('site', await readJson(c), 'site');
    const { site: record, token } = await registry.register(site, c.get('principal'));
    return c.json({ site: strip(record), edgeToken: token }, 201);
  });

  app.get('/', o.requireAbility('sites:read'), async (c) => {
    const principal = c.get('principal');
    // The sites the caller sees: a technician, those of its own organisation only.
    const sites = (await registry.list(principal)).filter((s) =>
      mayActAtSite(principal, 'sites:read', s),
    );
    return c.json({ sites: await Promise.all(sites.map((s) => withSync(strip(s)))) });
  });

  app.get('/:site', o.requireAbility('sites:read'), async (c) => {
    const site = await registry.get(c.req.param('site'), c.get('principal'));
    return c.json(await withSync(strip(site)));
  });

  app.post('/:site/token', o.requireAbility('sites:write'), async (c) => {
    const token = await registry.rotateToken(c.req.param('site'), c.get('principal'));
    return c.json({ edgeToken: token }, 201);
  });

  app.post('/:site/commands', o.requireAbility('commands:write'), async (c) => {
    const principal = c.get('principal');
    // Who may command here (organisation, clearance) the app's site guard decided already.
    const site = await registry.get(c.req.param('site'), principal);
    const command = await sendCommand(
      couch,
      o.audit,
      site,
      await readJson(c),
      principalRequester(principal),
      o.now?.(),
    );
    return c.json({ command }, 202);
  });

  app.get('/:site/commands/:command', o.requireAbility('sites:read'), async (c) => {
    const site = await registry.get(c.req.param('site'), c.get('principal'));
    const found = await commandWithOutcome(couch, site.id, c.req.param('command'));
    return c.json({
      command: strip(found.command),
      outcome: found.outcome && strip(found.outcome),
    });
  });

  app.get('/:site/events', o.requireAbility('events:read'), async (c) => {
    const principal = c.get('principal');
    const site = await registry.get(c.req.param('site'), principal);
    const limit = intQuery(c, 'limit', 50, 1, 500);
    return c.json({ events: await listEvents(couch, site.id, principal, limit) });
  });

  app.get('/:site/telemetry', o.requireAbility('telemetry:read'), async (c) => {
    const principal = c.get('principal');
    // The query is checked first: a bad one is a 400 whatever the site.
    const request = telemetryPageRequest((name) => c.req.query(name));
    const site = await registry.get(c.req.param('site'), principal);
    return c.json(await telemetryPage(couch, site, principal, request));
  });

  return app;
}
