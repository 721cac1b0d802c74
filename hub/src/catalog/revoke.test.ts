import type { Permission, PluginStatusDoc } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  BASE_PERMISSIONS,
  type CatalogApp,
  lampsManifest,
  makePackage,
  openCatalogApp,
  SITES,
  vendorKey,
} from './catalog.fixture.ts';

describe.each(STORE_TARGETS)('revoking a package on $name', (target: StoreTarget) => {
  let t: CatalogApp;
  let key: Awaited<ReturnType<typeof vendorKey>>;
  let digest: string;
  let bytes: Uint8Array;
  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    t = await openCatalogApp(target);
    key = await vendorKey();
    await t.call('POST', '/api/catalog/keys', { publicKey: key.pub });
    bytes = await makePackage(lampsManifest('1.0.0'), key.priv);
    digest = (await (await t.call('POST', '/api/catalog/packages', bytes)).json()).package.plugin
      .digest;
  });
  afterEach(async () => t?.close());

  const revoke = () =>
    t.call('POST', '/api/catalog/packages/com.example.lamps/1.0.0/revoke', {
      reason: 'phones home',
    });

  test('writes the revocation at the hub and into every site, and marks the entry', async () => {
    const res = await revoke();
    expect(res.status).toBe(200);
    expect((await res.json()).sites).toEqual(['hub', ...SITES]);
    for (const site of SITES) {
      const doc = await t.couch.db(siteDbName(site, 'control')).get(`revocation/${digest}`);
      expect(doc).toMatchObject({
        type: 'revocation',
        digest,
        plugin: { id: 'com.example.lamps', version: '1.0.0' },
        reason: 'phones home',
        by: 'admin',
      });
    }
    const entry = await (
      await t.call('GET', '/api/catalog/packages/com.example.lamps/1.0.0')
    ).json();
    expect(entry.package.revoked).toMatchObject({ reason: 'phones home' });
    expect(t.audit.entries.at(-1)).toMatchObject({
      action: 'catalog.revoke',
      outcome: 'ok',
      detail: { digest },
    });
  });

  test('gives the revocations to a site registered later', async () => {
    await revoke();
    await t.couch.ensureDb(siteDbName('pumping-01', 'control'));
    await t.catalog.seedNewSite('pumping-01');
    expect(
      await t.couch.db(siteDbName('pumping-01', 'control')).get(`revocation/${digest}`),
    ).toMatchObject({ digest });
    expect((await t.catalog.revocationsForNewSite()).map((r) => r.digest)).toEqual([digest]);
  });

  test('refuses later installs and a re-publish of the revoked package, writing nothing', async () => {
    await revoke();
    const before = await t.sitesSnapshot();
    const install = await t.call('POST', '/api/installs', {
      sites: ['lighting-01'],
      plugin: { id: 'com.example.lamps', version: '1.0.0' },
      consent: { permissions: BASE_PERMISSIONS },
    });
    expect(install.status).toBe(422);
    expect((await install.json()).error).toMatchObject({
      code: 'package_revoked',
      message: expect.stringMatching(/phones home/),
    });
    expect(await t.sitesSnapshot()).toEqual(before);
    await t.couch
      .db('heng-hub')
      .destroy(
        'package/com.example.lamps@1.0.0',
        (await t.couch.db('heng-hub').get('package/com.example.lamps@1.0.0'))._rev,
      );
    const again = await t.call('POST', '/api/catalog/packages', bytes, 'vendor');
    expect(again.status).toBe(422);
    expect((await again.json()).error.code).toBe('package_revoked');
  });

  test('lets only catalog:revoke revoke', async () => {
    const res = await t.call(
      'POST',
      '/api/catalog/packages/com.example.lamps/1.0.0/revoke',
      { reason: 'x' },
      'vendor',
    );
    expect(res.status).toBe(403);
    expect(await t.catalog.revocationsForNewSite()).toEqual([]);
  });
});

describe.each(STORE_TARGETS)(
  'what sites report, and automatic rollback on $name',
  (target: StoreTarget) => {
    let t: CatalogApp;
    const FETCH: Permission = { capability: 'net:fetch', hosts: ['api.weather.example.com'] };
    const control = () => t.couch.db(siteDbName('lighting-01', 'control'));
    const APP = '/api/sites/lighting-01/apps/com.example.lamps';

    beforeEach(async (context) => {
      if (target.skip) return context.skip(target.skip);
      t = await openCatalogApp(target);
      const key = await vendorKey();
      await t.call('POST', '/api/catalog/keys', { publicKey: key.pub });
      await t.call(
        'POST',
        '/api/catalog/packages',
        await makePackage(lampsManifest('1.0.0'), key.priv),
      );
      await t.call(
        'POST',
        '/api/catalog/packages',
        await makePackage(lampsManifest('2.0.0', [...BASE_PERMISSIONS, FETCH]), key.priv),
      );
      await t.call('POST', '/api/installs', {
        sites: ['lighting-01'],
        plugin: { id: 'com.example.lamps', version: '1.0.0' },
        consent: { permissions: BASE_PERMISSIONS },
        autoRollback: true,
      });
      await t.call('PATCH', APP, {
        version: '2.0.0',
        consent: { permissions: [...BASE_PERMISSIONS, FETCH] },
      });
    });
    afterEach(async () => t?.close());

    const report = async (state: PluginStatusDoc['state'], version = '2.0.0') => {
      const install = (await control().get('app-install/com.example.lamps')) as unknown as {
        plugin: { digest: string; version: string };
      };
      const pkg = (await t.couch
        .db('heng-hub')
        .get(`package/com.example.lamps@${version}`)) as unknown as {
        plugin: { id: string; version: string; digest: string };
      };
      const status: PluginStatusDoc = {
        type: 'plugin-status',
        site: 'lighting-01',
        plugin: pkg.plugin,
        state,
        faults: 5,
        lastError: { code: 'plugin_crashed', message: 'boom' },
        updatedAt: '2026-01-01T00:00:00Z',
      };
      const existing = await control()
        .get('plugin-status/com.example.lamps')
        .catch(() => undefined);
      await control().insert(
        { ...status, ...(existing ? { _rev: existing._rev } : {}) } as never,
        'plugin-status/com.example.lamps',
      );
      return { status, install };
    };

    test('merges the install record with the edge status', async () => {
      await report('active');
      const res = await t.call('GET', '/api/sites/lighting-01/apps', undefined, 'operator');
      expect(res.status).toBe(200);
      const { apps } = await res.json();
      expect(apps).toHaveLength(1);
      expect(apps[0].install).toMatchObject({
        plugin: { version: '2.0.0' },
        previous: { version: '1.0.0' },
      });
      expect(apps[0].status).toMatchObject({
        state: 'active',
        faults: 5,
        lastError: { message: 'boom' },
        current: true,
      });
      expect(apps[0].install._rev).toBeUndefined();
      expect((await t.call('GET', '/api/sites/nowhere/apps')).status).toBe(404);
    });

    test('rolls back by itself, as the hub, when the current version is quarantined', async () => {
      const { status } = await report('quarantined');
      const outcome = await t.catalog.applyAutoRollback('lighting-01', status);
      expect(outcome.rolledBack).toBe(true);
      expect(await control().get('app-install/com.example.lamps')).toMatchObject({
        plugin: { version: '1.0.0' },
        permissions: BASE_PERMISSIONS,
      });
      expect(t.audit.entries.at(-1)).toMatchObject({
        actor: 'hub',
        action: 'install.auto-rollback',
        outcome: 'ok',
        detail: { from: '2.0.0', to: '1.0.0' },
      });
      const again = await t.catalog.applyAutoRollback('lighting-01', status);
      expect(again).toMatchObject({
        rolledBack: false,
        reason: 'the report is about another version',
      });
    });

    test('leaves the install alone when the report is fine, or autoRollback is off', async () => {
      const { status } = await report('active');
      expect((await t.catalog.applyAutoRollback('lighting-01', status)).rolledBack).toBe(false);
      await t.call('PUT', `${APP}/auto-rollback`, { autoRollback: false });
      const failed = await report('failed');
      expect(await t.catalog.applyAutoRollback('lighting-01', failed.status)).toMatchObject({
        rolledBack: false,
        reason: 'autoRollback is off',
      });
      expect(await control().get('app-install/com.example.lamps')).toMatchObject({
        plugin: { version: '2.0.0' },
      });
    });
  },
);
