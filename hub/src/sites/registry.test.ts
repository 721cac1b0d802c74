import type { Site } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Principal } from '../auth/types.ts';
import { HUB_DB, SITE_DBS, siteDbName } from '../couch/index.ts';
import type { HubStore } from '../couch/store.ts';
import { STORE_TARGETS } from '../couch/targets.fixture.ts';
import { MemoryAudit } from '../gateway/gateway.fixture.ts';
import { SiteRegistry, type SiteRegistryOptions } from './registry.ts';

const ADMIN: Principal = {
  kind: 'user',
  id: 'admin',
  roles: ['administrator'],
  clearance: 'secret',
};
const SITE: Site = { id: 'lighting-07', name: 'Zhengxiang Street cabinet' };

let store: HubStore & { dir: string };
let issued: string[];
beforeEach(async () => {
  const target = STORE_TARGETS.find((t) => t.name === 'embedded');
  if (!target) throw new Error('no embedded store target');
  store = await target.open();
  await store.couch.ensureDb(HUB_DB);
  issued = [];
});
afterEach(() => store.close());

function registry(options: Partial<SiteRegistryOptions> = {}): SiteRegistry {
  return new SiteRegistry({
    couch: store.couch,
    audit: new MemoryAudit(),
    tokens: {
      issueEdgeToken: async (site) => {
        issued.push(site);
        return `token-${site}-${issued.length}`;
      },
      revokeEdgeTokens: async () => {},
    },
    organisations: { exists: async (id) => id === 'lighting-office' },
    ...options,
  });
}

/** Whether anything of the site is in the store: its databases or its document. */
async function leftovers(site: string): Promise<string[]> {
  const all = (await store.couch.server.db.list()) as string[];
  const dbs = SITE_DBS.map((db) => siteDbName(site, db)).filter((name) => all.includes(name));
  const doc = await store.couch
    .db(HUB_DB)
    .get(`site/${site}`)
    .then(() => [`site/${site}`])
    .catch(() => []);
  return [...dbs, ...doc];
}

describe('registering a site', () => {
  test.each([
    ['_rev', { _rev: '1-abc' }],
    ['_id', { _id: 'site/other' }],
    ['type', { type: 'user' }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00Z' }],
    ['organisation', { organisation: 'nowhere-office' }],
  ])(
    'with %s it may not set is refused, naming it, and leaves nothing behind',
    async (field, extra) => {
      await expect(registry().register({ ...SITE, ...extra } as Site, ADMIN)).rejects.toMatchObject(
        {
          code: 'invalid_input',
          issues: [expect.objectContaining({ path: `/${field}` })],
        },
      );
      expect(await leftovers(SITE.id)).toEqual([]);
      expect(issued).toEqual([]);
    },
  );

  test.each([
    ['securing it', { security: { secure: () => Promise.reject(new Error('no majority')) } }],
    ['seeding it', { seed: () => Promise.reject(new Error('seed failed')) }],
    [
      'issuing its token',
      {
        tokens: {
          issueEdgeToken: () => Promise.reject(new Error('token store down')),
          revokeEdgeTokens: async () => {},
        },
      },
    ],
  ])('that fails while %s leaves nothing behind, and a retry succeeds', async (_step, broken) => {
    await expect(registry(broken).register(SITE, ADMIN)).rejects.toThrow();
    expect(await leftovers(SITE.id)).toEqual([]);
    const { site, token } = await registry().register(
      { ...SITE, organisation: 'lighting-office' },
      ADMIN,
    );
    expect(site.organisation).toBe('lighting-office');
    expect(token).toMatch(/^token-lighting-07-/);
    expect((await leftovers(SITE.id)).sort()).toEqual(
      [...SITE_DBS.map((db) => siteDbName(SITE.id, db)), `site/${SITE.id}`].sort(),
    );
  });

  test('twice at once: one wins with a token, the loser gets none and leaves the winner’s databases', async () => {
    const results = await Promise.allSettled([
      registry().register(SITE, ADMIN),
      registry().register(SITE, ADMIN),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.objectContaining({ code: 'conflict' }),
    });
    expect(issued).toHaveLength(1);
    expect((await leftovers(SITE.id)).length).toBe(3);
  });

  test('after a hub died mid-way: a fresh claim is a conflict, a stale one is taken over', async () => {
    const at = new Date('2026-12-06T08:00:00Z');
    await store.couch
      .db(HUB_DB)
      .insert({ _id: `site-claim/${SITE.id}`, type: 'site-claim', at: at.toISOString() } as never);
    await store.couch.ensureDb(siteDbName(SITE.id, 'control'));
    const soon = registry({ now: () => new Date(at.getTime() + 30_000) });
    await expect(soon.register(SITE, ADMIN)).rejects.toMatchObject({ code: 'conflict' });
    const later = registry({ now: () => new Date(at.getTime() + 10 * 60_000) });
    const { site } = await later.register(SITE, ADMIN);
    expect(site.id).toBe(SITE.id);
    expect((await leftovers(SITE.id)).length).toBe(3);
  });
});
