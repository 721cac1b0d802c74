import type { Permission } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  BASE_PERMISSIONS,
  type CatalogApp,
  lampsManifest,
  makePackage,
  openCatalogApp,
  vendorKey,
} from './catalog.fixture.ts';

const FETCH: Permission = { capability: 'net:fetch', hosts: ['api.weather.example.com'] };
const MORE = [...BASE_PERMISSIONS, FETCH];
const LESS = [BASE_PERMISSIONS[0]!];
const APP = '/api/sites/lighting-01/apps/com.example.lamps';

describe.each(STORE_TARGETS)(
  'upgrade, rollback and the switches of an installed plugin on $name',
  (target: StoreTarget) => {
    let t: CatalogApp;
    beforeEach(async (context) => {
      if (target.skip) return context.skip(target.skip);
      t = await openCatalogApp(target);
      const key = await vendorKey();
      await t.call('POST', '/api/catalog/keys', { publicKey: key.pub });
      for (const [version, permissions] of [
        ['1.0.0', BASE_PERMISSIONS],
        ['1.1.0', MORE],
        ['1.2.0', LESS],
      ] as const)
        await t.call(
          'POST',
          '/api/catalog/packages',
          await makePackage(lampsManifest(version, [...permissions]), key.priv),
        );
      const res = await t.call('POST', '/api/installs', {
        sites: ['lighting-01'],
        plugin: { id: 'com.example.lamps', version: '1.0.0' },
        config: { nightLevel: 40 },
        consent: { permissions: BASE_PERMISSIONS },
      });
      expect(res.status).toBe(201);
    });
    afterEach(async () => t?.close());

    const install = () =>
      t.couch.db(siteDbName('lighting-01', 'control')).get('app-install/com.example.lamps');

    test('refuses an upgrade that asks for more without consent, showing only what changed, writing nothing', async () => {
      const before = await t.sitesSnapshot();
      const res = await t.call('POST', `${APP}/upgrade`, { version: '1.1.0' });
      expect(res.status).toBe(409);
      const { error } = await res.json();
      expect(error.code).toBe('consent_required');
      expect(error.difference).toEqual({ added: [FETCH], removed: [], widened: [], narrowed: [] });
      expect(await t.sitesSnapshot()).toEqual(before);
      expect(t.audit.entries.at(-1)).toMatchObject({
        action: 'install.upgrade',
        outcome: 'refused',
      });
    });

    test('refuses consent that does not cover the new set exactly', async () => {
      const before = await t.sitesSnapshot();
      const res = await t.call('PATCH', APP, {
        version: '1.1.0',
        consent: { permissions: BASE_PERMISSIONS },
      });
      expect(res.status).toBe(409);
      expect(await t.sitesSnapshot()).toEqual(before);
    });

    test('upgrades with consent, keeping the version it replaces for rollback', async () => {
      const res = await t.call('PATCH', APP, { version: '1.1.0', consent: { permissions: MORE } });
      expect(res.status).toBe(200);
      const doc = (await install()) as unknown as Record<string, unknown>;
      expect(doc).toMatchObject({
        plugin: { version: '1.1.0' },
        permissions: MORE,
        previous: { version: '1.0.0' },
        config: { nightLevel: 40 },
      });
      expect(t.audit.entries.at(-1)).toMatchObject({
        actor: 'user:admin',
        action: 'install.upgrade',
        detail: {
          site: 'lighting-01',
          plugin: 'com.example.lamps',
          from: '1.0.0',
          to: '1.1.0',
          permissions: ['adds net:fetch: api.weather.example.com'],
        },
      });
    });

    test('upgrades without consent when the new version asks for less', async () => {
      const res = await t.call('POST', `${APP}/upgrade`, {
        version: '1.2.0',
        config: { nightLevel: 10 },
      });
      expect(res.status).toBe(200);
      expect(await install()).toMatchObject({
        plugin: { version: '1.2.0' },
        permissions: LESS,
        config: { nightLevel: 10 },
      });
    });

    test('refuses an upgrade whose settings break the new schema, naming the path', async () => {
      const res = await t.call('POST', `${APP}/upgrade`, {
        version: '1.2.0',
        config: { nightLevel: 'dim' },
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe('/config/nightLevel');
    });

    test('rolls back to the previous version with its permissions and settings, once', async () => {
      await t.call('PATCH', APP, {
        version: '1.1.0',
        config: { nightLevel: 5 },
        consent: { permissions: MORE },
      });
      const res = await t.call('POST', `${APP}/rollback`);
      expect(res.status).toBe(200);
      const doc = (await install()) as unknown as Record<string, unknown>;
      expect(doc).toMatchObject({
        plugin: { version: '1.0.0' },
        permissions: BASE_PERMISSIONS,
        config: { nightLevel: 40 },
        state: 'active',
      });
      expect(doc.previous).toBeUndefined();
      expect(t.audit.entries.at(-1)).toMatchObject({
        action: 'install.rollback',
        detail: { from: '1.1.0', to: '1.0.0' },
      });
      expect((await t.call('POST', `${APP}/rollback`)).status).toBe(409);
    });

    test('disables, enables and uninstalls, each audited, and refuses a switch to the state it is in', async () => {
      expect((await t.call('POST', `${APP}/disable`)).status).toBe(200);
      expect(await install()).toMatchObject({ state: 'stopped' });
      expect((await t.call('POST', `${APP}/disable`)).status).toBe(409);
      expect((await t.call('POST', `${APP}/enable`)).status).toBe(200);
      expect(await install()).toMatchObject({ state: 'active' });
      expect((await t.call('PUT', `${APP}/auto-rollback`, { autoRollback: true })).status).toBe(
        200,
      );
      expect(await install()).toMatchObject({ autoRollback: true });
      expect((await t.call('POST', `${APP}/uninstall`)).status).toBe(200);
      expect(await install()).toMatchObject({ state: 'uninstalled' });
      expect((await t.call('POST', `${APP}/enable`)).status).toBe(404);
      expect(
        t.audit.entries
          .filter((e) => e.outcome === 'ok')
          .map((e) => e.action)
          .slice(-5),
      ).toEqual([
        'install.create',
        'install.disable',
        'install.enable',
        'install.set-auto-rollback',
        'install.uninstall',
      ]);
    });

    test('refuses lifecycle changes at a site that does not exist', async () => {
      const res = await t.call('POST', '/api/sites/nowhere/apps/com.example.lamps/disable');
      expect(res.status).toBe(404);
    });
  },
);
