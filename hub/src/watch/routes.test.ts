import { HengError } from '@heng/schemas';
import { Hono, type MiddlewareHandler } from 'hono';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HubEnv } from '../api/env.ts';
import { errorResponse } from '../api/http.ts';
import type { Ability, Principal } from '../auth/types.ts';
import { type CatalogApp, openCatalogApp } from '../catalog/catalog.fixture.ts';
import { siteDbName } from '../couch/index.ts';
import { SiteRegistry } from '../sites/registry.ts';
import { settleConflicts } from './conflicts.ts';
import { watchRoutes } from './routes.ts';
import { makeConflict } from './watch.fixture.ts';

const SITE = 'lighting-01';
const CONTROL = siteDbName(SITE, 'control');

/** Test principals: `admin` may do everything and see secrets, `viewer` only read internal data. */
const PRINCIPALS: Record<string, { principal: Principal; abilities: Ability[] }> = {
  admin: {
    principal: { kind: 'user', id: 'admin', roles: ['administrator'], clearance: 'secret' },
    abilities: ['sites:read', 'sites:write', 'installs:read'],
  },
  viewer: {
    principal: { kind: 'user', id: 'viewer', roles: ['viewer'], clearance: 'internal' },
    abilities: ['sites:read', 'installs:read'],
  },
};

describe('the conflicts and crashes API', () => {
  let t: CatalogApp;
  let app: Hono<HubEnv>;
  let revs: { a: string; b: string };

  beforeEach(async () => {
    t = await openCatalogApp();
    const registry = new SiteRegistry({
      couch: t.couch,
      audit: t.audit,
      tokens: { issueEdgeToken: async () => 'unused', revokeEdgeTokens: async () => {} },
    });
    app = new Hono<HubEnv>();
    app.use('*', async (c, next) => {
      c.set('principal', PRINCIPALS[c.req.header('x-test-user') ?? 'admin']!.principal);
      await next();
    });
    const requireAbility =
      (ability: Ability): MiddlewareHandler<HubEnv> =>
      async (c, next) => {
        const who = PRINCIPALS[c.req.header('x-test-user') ?? 'admin']!;
        if (!who.abilities.includes(ability))
          return errorResponse(c, new HengError('permission_denied', `may not ${ability}`));
        await next();
      };
    app.route(
      '/api',
      watchRoutes({
        couch: t.couch,
        audit: t.audit,
        sites: registry,
        requireAbility,
        now: () => new Date('2025-03-02T00:00:00.000Z'),
      }),
    );
    revs = await makeConflict(
      t.couch,
      CONTROL,
      'settings/current',
      { type: 'settings' },
      { hash: 'aaaa', body: { type: 'settings', level: 1, updatedAt: '2025-01-01T00:00:00Z' } },
      { hash: 'bbbb', body: { type: 'settings', level: 2, updatedAt: '2025-01-02T00:00:00Z' } },
    );
    await settleConflicts({ couch: t.couch, audit: t.audit }, SITE, 'settings/current');
    await makeConflict(
      t.couch,
      CONTROL,
      'settings/secret',
      { type: 'settings', dataClass: 'secret' },
      { hash: 'aaaa', body: { type: 'settings', dataClass: 'secret', ts: '2025-01-01T00:00:00Z' } },
      { hash: 'bbbb', body: { type: 'settings', dataClass: 'secret', ts: '2025-01-02T00:00:00Z' } },
    );
    await settleConflicts({ couch: t.couch, audit: t.audit }, SITE, 'settings/secret');
  });
  afterEach(async () => t.store.close());

  const call = (method: string, path: string, user = 'admin') =>
    app.request(path, { method, headers: { 'x-test-user': user } });
  const dismissPath = (id: string) =>
    `/api/sites/${SITE}/conflicts/${encodeURIComponent(id)}/dismiss`;

  test('lists the kept losers of a site, only those the caller is cleared to see', async () => {
    const res = await call('GET', `/api/sites/${SITE}/conflicts`);
    expect(res.status).toBe(200);
    const { conflicts } = await res.json();
    expect(conflicts.map((c: { id: string }) => c.id).sort()).toEqual([
      `settings/current/${revs.a}`,
      `settings/secret/${revs.a}`,
    ]);
    expect(conflicts[0]).toMatchObject({ site: SITE, winner: revs.b, loser: { _rev: revs.a } });
    const asViewer = await (await call('GET', `/api/sites/${SITE}/conflicts`, 'viewer')).json();
    expect(asViewer.conflicts.map((c: { docId: string }) => c.docId)).toEqual(['settings/current']);
  });

  test('dismisses one after review, audited, and refuses to dismiss it twice', async () => {
    const id = `settings/current/${revs.a}`;
    const res = await call('POST', dismissPath(id));
    expect(res.status).toBe(200);
    expect((await res.json()).conflict).toMatchObject({
      id,
      reviewed: { by: 'user:admin', at: '2025-03-02T00:00:00.000Z' },
    });
    expect(t.audit.entries.at(-1)).toMatchObject({
      actor: 'user:admin',
      action: 'sync.conflict.dismiss',
      outcome: 'ok',
    });
    const open = await (await call('GET', `/api/sites/${SITE}/conflicts?reviewed=false`)).json();
    expect(open.conflicts.map((c: { docId: string }) => c.docId)).toEqual(['settings/secret']);
    const again = await call('POST', dismissPath(id));
    expect(again.status).toBe(409);
    expect(t.audit.entries.at(-1)).toMatchObject({
      action: 'sync.conflict.dismiss',
      outcome: 'refused',
    });
  });

  test('refuses unknown conflicts and sites, losers above clearance, and callers without sites:write', async () => {
    expect((await call('POST', dismissPath('settings/current/9-zzzz'))).status).toBe(404);
    expect((await call('GET', '/api/sites/nowhere/conflicts')).status).toBe(404);
    expect((await call('POST', dismissPath(`settings/current/${revs.a}`), 'viewer')).status).toBe(
      403,
    );
    expect((await call('GET', `/api/sites/${SITE}/conflicts?reviewed=maybe`)).status).toBe(400);
    expect(t.audit.entries.filter((e) => e.action === 'sync.conflict.dismiss')).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        detail: expect.objectContaining({ code: 'not_found' }),
      }),
    ]);
  });

  test('shows the crash report of a site, empty when nothing crashed', async () => {
    const res = await call('GET', `/api/sites/${SITE}/crashes`, 'viewer');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ crashes: [] });
  });
});
