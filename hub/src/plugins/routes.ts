/**
 * @module The hub's own events API: what plugins running at the hub raised (incidents opened and
 * closed, …), newest first, as a site's events are listed. Hub plugins' installs use the catalog's
 * routes with the place `hub` (`/api/sites/hub/apps/…`).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import { intQuery } from '../api/http.ts';
import type { Ability } from '../auth/types.ts';
import { type Couch, HUB_PLACE } from '../couch/index.ts';
import { listEvents } from '../sites/site-data.ts';

export interface HubPluginRoutesOptions {
  couch: Couch;
  requireAbility: (ability: Ability) => MiddlewareHandler<HubEnv>;
}

/** Routes under `/api/hub`. */
export function hubPluginRoutes(o: HubPluginRoutesOptions): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.get('/events', o.requireAbility('events:read'), async (c) => {
    const limit = intQuery(c, 'limit', 50, 1, 500);
    return c.json({ events: await listEvents(o.couch, HUB_PLACE, c.get('principal'), limit) });
  });
  return app;
}
