import { assertAppInstall } from '@heng/schemas';
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

describe.each(STORE_TARGETS)('installing at sites on $name', (target: StoreTarget) => {
  let t: CatalogApp;
  let key: Awaited<ReturnType<typeof vendorKey>>;
  const plugin = { id: 'com.example.lamps', version: '1.0.0' };
  const request = (over: Record<string, unknown> = {}) => ({
    sites: [...SITES],
    plugin,
    config: { nightLevel: 40 },
    consent: { permissions: BASE_PERMISSIONS },
    ...over,
  });

  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    t = await openCatalogApp(target);
    key = await vendorKey();
    await t.call('POST', '/api/catalog/keys', { publicKey: key.pub });
    await t.call(
      'POST',
      '/api/catalog/packages',
      await makePackage(lampsManifest('1.0.0'), key.priv),
    );
  });
  afterEach(async () => t?.close());

  const control = (site: string) => t.couch.db(siteDbName(site, 'control'));

  test('two administrators installing at once: one install, the other a conflict (not a store failure)', async () => {
    const replies = await Promise.all([
      t.call('POST', '/api/installs', request({ sites: [SITES[0]] })),
      t.call('POST', '/api/installs', request({ sites: [SITES[0]] })),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = replies.find((r) => r.status === 409)!;
    expect((await refused.json()).error.code).toBe('conflict');
  });

  test('writes the package with its archive, the signer key and an active install record at every site', async () => {
    const res = await t.call('POST', '/api/installs', request({ autoRollback: true }));
    expect(res.status).toBe(201);
    expect((await res.json()).installs).toHaveLength(2);
    for (const site of SITES) {
      const install = (await control(site).get(
        'app-install/com.example.lamps',
      )) as unknown as Record<string, unknown>;
      expect(() => assertAppInstall(install)).not.toThrow();
      expect(install).toMatchObject({
        type: 'app-install',
        site,
        plugin: { ...plugin, digest: expect.stringMatching(/^sha256-/) },
        config: { nightLevel: 40 },
        state: 'active',
        consent: { by: 'admin' },
        autoRollback: true,
      });
      const pkg = await control(site).get('package/com.example.lamps@1.0.0');
      expect(pkg).toMatchObject({
        type: 'package',
        keyId: key.id,
        plugin: { digest: (install.plugin as { digest: string }).digest },
      });
      const attached = await control(site).attachment.get(
        'package/com.example.lamps@1.0.0',
        'package.hpkg',
      );
      expect(attached.byteLength).toBeGreaterThan(100);
      expect(await control(site).get(`trust/${key.id}`)).toMatchObject({
        type: 'trusted-key',
        publicKey: { x: key.pub.x },
      });
    }
    expect(
      t.audit.entries
        .filter((e) => e.action === 'install.create')
        .map((e) => [e.target, e.outcome]),
    ).toEqual([
      ['install/lighting-01/com.example.lamps', 'ok'],
      ['install/lighting-02/com.example.lamps', 'ok'],
    ]);
  });

  test('fills in the settings defaults', async () => {
    await t.call('POST', '/api/installs', request({ sites: ['lighting-01'], config: undefined }));
    expect(await control('lighting-01').get('app-install/com.example.lamps')).toMatchObject({
      config: { nightLevel: 30 },
    });
  });

  test('refuses consent that differs from the requested permissions with consent_required, writing nothing', async () => {
    const before = await t.sitesSnapshot();
    const res = await t.call(
      'POST',
      '/api/installs',
      request({ consent: { permissions: [BASE_PERMISSIONS[0]] } }),
    );
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error.code).toBe('consent_required');
    expect(error.message).toMatch(/adds command:write: \+\/\+\/dimming at 30\/60s/);
    expect(error.difference.added).toEqual([BASE_PERMISSIONS[1]]);
    expect(await t.sitesSnapshot()).toEqual(before);
    expect(t.audit.entries.at(-1)).toMatchObject({
      action: 'install.create',
      outcome: 'refused',
      detail: { code: 'consent_required' },
    });
  });

  test('refuses a config that breaks the plugin schema, naming the path, writing nothing', async () => {
    const before = await t.sitesSnapshot();
    const res = await t.call('POST', '/api/installs', request({ config: { nightLevel: 140 } }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_config');
    expect(error.issues[0].path).toBe('/config/nightLevel');
    expect(await t.sitesSnapshot()).toEqual(before);
  });

  test('refuses unknown sites with 404 naming them, writing nothing at the known ones', async () => {
    const before = await t.sitesSnapshot();
    const res = await t.call(
      'POST',
      '/api/installs',
      request({ sites: ['lighting-01', 'nowhere', 'Bad.Id'] }),
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/unknown sites: nowhere, Bad\.Id/);
    expect(await t.sitesSnapshot()).toEqual(before);
  });

  test('refuses a package that is not in the catalog', async () => {
    const res = await t.call(
      'POST',
      '/api/installs',
      request({ plugin: { id: plugin.id, version: '9.9.9' } }),
    );
    expect(res.status).toBe(404);
  });

  test('refuses a malformed body naming the path', async () => {
    const res = await t.call('POST', '/api/installs', request({ sites: [] }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('/sites');
  });

  test('refuses to install over a live install, at any of the sites, writing nothing', async () => {
    await t.call('POST', '/api/installs', request({ sites: ['lighting-02'] }));
    const before = await t.sitesSnapshot();
    const res = await t.call('POST', '/api/installs', request());
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(
      /already installed at lighting-02 \(1\.0\.0, active\)/,
    );
    expect(await t.sitesSnapshot()).toEqual(before);
  });

  test('installs again after an uninstall', async () => {
    await t.call('POST', '/api/installs', request({ sites: ['lighting-01'] }));
    expect((await t.call('DELETE', '/api/sites/lighting-01/apps/com.example.lamps')).status).toBe(
      200,
    );
    const res = await t.call('POST', '/api/installs', request({ sites: ['lighting-01'] }));
    expect(res.status).toBe(201);
    expect(await control('lighting-01').get('app-install/com.example.lamps')).toMatchObject({
      state: 'active',
    });
  });

  test('refuses a package whose signer is no longer trusted, writing nothing', async () => {
    expect((await t.call('DELETE', `/api/catalog/keys/${key.id}`)).status).toBe(204);
    const before = await t.sitesSnapshot();
    const res = await t.call('POST', '/api/installs', request());
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('untrusted_key');
    expect(await t.sitesSnapshot()).toEqual(before);
  });

  test('when a site cannot be written midway, says which sites got the install and which did not', async () => {
    await t.couch.dropDb(siteDbName('lighting-02', 'control'));
    const res = await t.call('POST', '/api/installs', request());
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toMatch(
      /^installed com\.example\.lamps@1\.0\.0 at lighting-01; not at lighting-02: /,
    );
    expect(await control('lighting-01').get('app-install/com.example.lamps')).toMatchObject({
      state: 'active',
    });
    expect(
      t.audit.entries.filter((e) => e.action === 'install.create').map((e) => e.outcome),
    ).toEqual(['ok', 'failed', 'failed']);
  });

  test('lets only a principal with installs:write install', async () => {
    const res = await t.call('POST', '/api/installs', request(), 'operator');
    expect(res.status).toBe(403);
  });
});
