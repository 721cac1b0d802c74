/**
 * @module What the watch shows over HTTP (mounted under `/api`, auth in front): a site's kept
 * conflict losers, dismissing one after review, and its crash report. Dismissing is audited, a
 * refusal too.
 */
import { HengError, outcomeOf, toHengError } from '@heng/schemas';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import { errorResponse } from '../api/http.ts';
import type { Operation } from '../api/openapi.ts';
import type { AuditLog } from '../audit/types.ts';
import type { Ability, Principal } from '../auth/types.ts';
import type { Couch } from '../couch/index.ts';
import { dismissConflict, listConflicts } from './conflict-review.ts';
import { listCrashReports } from './crash-report.ts';

export interface WatchRoutesDeps {
  couch: Couch;
  audit: AuditLog;
  /** Throws not_found for a site that does not exist or the principal may not see. */
  sites: { get(site: string, principal: Principal): Promise<unknown> };
  /** The auth middleware for one ability (hub/src/auth); it audits its own refusals. */
  requireAbility: (ability: Ability) => MiddlewareHandler<HubEnv>;
  now?: () => Date;
}

const SITE = '/sites/:site';

/** The routes {@link watchRoutes} serves, paths relative to `/api` (as CATALOG_OPERATIONS). */
export const WATCH_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: `${SITE}/conflicts`,
    summary:
      'Losing revisions of control documents edited at hub and edge while apart, kept for review (newest first)',
    ability: 'sites:read',
    query: { reviewed: 'true: only dismissed ones; false: only open ones; unset: all' },
    ok: [200, '{ conflicts: [{ id, site, docId, winner, rule, loser, at, reviewed? }] }'],
  },
  {
    method: 'post',
    path: `${SITE}/conflicts/:id/dismiss`,
    summary: 'Mark a kept losing revision reviewed (`id` is `<docId>/<rev>`, URL-encoded)',
    ability: 'sites:write',
    ok: [200, '{ conflict }'],
  },
  {
    method: 'get',
    path: `${SITE}/crashes`,
    summary:
      "Each plugin's failing reports from the site and what the hub's automatic rollback did",
    ability: 'installs:read',
    ok: [200, '{ crashes: [{ plugin, crashes: [{ version, state, faults, autoRollback, … }] }] }'],
  },
];

function reviewedQuery(c: Context): boolean | undefined {
  const raw = c.req.query('reviewed');
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new HengError('invalid_input', `query reviewed: must be true or false, got "${raw}"`);
}

/** Routes under `/api`: `/sites/:site/conflicts…` and `/sites/:site/crashes`. */
export function watchRoutes(deps: WatchRoutesDeps): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  const can = deps.requireAbility;
  const site = (c: Context<HubEnv>) => c.req.param('site') ?? '';

  app.get(`${SITE}/conflicts`, can('sites:read'), async (c) => {
    try {
      const principal = c.get('principal');
      await deps.sites.get(site(c), principal);
      const conflicts = await listConflicts(deps.couch, site(c), principal, reviewedQuery(c));
      return c.json({ conflicts });
    } catch (err) {
      return errorResponse(c, err);
    }
  });

  app.post(`${SITE}/conflicts/:id/dismiss`, can('sites:write'), async (c) => {
    const principal = c.get('principal');
    const id = c.req.param('id') ?? '';
    const target = `site/${site(c)}/conflict/${id}`;
    const actor = `${principal.kind}:${principal.id}`;
    try {
      await deps.sites.get(site(c), principal);
      const at = (deps.now?.() ?? new Date()).toISOString();
      const conflict = await dismissConflict(deps.couch, site(c), id, principal, at);
      await deps.audit.append({
        actor,
        action: 'sync.conflict.dismiss',
        target,
        outcome: 'ok',
        detail: { site: site(c), docId: conflict.docId, loser: conflict.loser._rev },
      });
      return c.json({ conflict });
    } catch (err) {
      const error = toHengError(err);
      await deps.audit.append({
        actor,
        action: 'sync.conflict.dismiss',
        target,
        outcome: outcomeOf(error.code),
        detail: { code: error.code, message: error.message },
      });
      return errorResponse(c, error);
    }
  });

  app.get(`${SITE}/crashes`, can('installs:read'), async (c) => {
    try {
      await deps.sites.get(site(c), c.get('principal'));
      const reports = await listCrashReports(deps.couch, site(c));
      return c.json({ crashes: reports.map(({ _id, _rev, type: _t, ...r }) => r) });
    } catch (err) {
      return errorResponse(c, err);
    }
  });
  return app;
}
