import { packPlugin, signPackage } from '@heng/core';
import type { Permission, PluginManifest } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  BASE_PERMISSIONS,
  type CatalogApp,
  lampsManifest,
  makePackage,
  openCatalogApp,
  vendorKey,
} from './catalog.fixture.ts';

const PANEL_PERMISSION: Permission = {
  capability: 'ui:panel',
  panels: ['status', 'map'],
  reason: 'shows the lamps',
};

/** The lamps plugin with two panels, their pages in the package. */
async function withPanels(key: Awaited<ReturnType<typeof vendorKey>>): Promise<Uint8Array> {
  const manifest = {
    ...lampsManifest('2.0.0', [...BASE_PERMISSIONS, PANEL_PERMISSION]),
    ui: {
      panels: [
        { id: 'status', title: 'Lamp dimming', entry: 'ui/status.html' },
        { id: 'map', title: '路灯地图', entry: 'ui/map.html' },
      ],
    },
  } as PluginManifest;
  const page = new TextEncoder().encode('<!doctype html><title>panel</title>');
  const files = new Map([
    ['dist/plugin.js', new TextEncoder().encode('export default {};\n')],
    ['ui/status.html', page],
    ['ui/map.html', page],
  ]);
  return signPackage(await packPlugin({ manifest, files }), key.priv);
}

describe.each(STORE_TARGETS)('the catalog summary on $name', (target: StoreTarget) => {
  let t: CatalogApp;
  let key: Awaited<ReturnType<typeof vendorKey>>;
  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    t = await openCatalogApp(target);
    key = await vendorKey();
    expect((await t.call('POST', '/api/catalog/keys', { publicKey: key.pub })).status).toBe(201);
  });
  afterEach(async () => t?.close());

  test("names the vendor and lists the panels' titles, without their pages", async () => {
    const res = await t.call('POST', '/api/catalog/packages', await withPanels(key), 'vendor');
    expect(res.status).toBe(201);
    const expected = {
      vendor: { name: 'Example Lighting' },
      panels: [
        { id: 'status', title: 'Lamp dimming' },
        { id: 'map', title: '路灯地图' },
      ],
    };
    expect((await res.json()).package).toMatchObject(expected);
    const { packages } = await (await t.call('GET', '/api/catalog/packages')).json();
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject(expected);
    expect(JSON.stringify(packages[0])).not.toContain('ui/status.html');
    const one = await t.call('GET', '/api/catalog/packages/com.example.lamps/2.0.0');
    expect((await one.json()).package).toMatchObject(expected);
  });

  test('lists no panels for a package that declares none', async () => {
    await t.call(
      'POST',
      '/api/catalog/packages',
      await makePackage(lampsManifest('1.0.0'), key.priv),
    );
    const { packages } = await (await t.call('GET', '/api/catalog/packages')).json();
    expect(packages[0].vendor).toEqual({ name: 'Example Lighting' });
    expect(packages[0]).not.toHaveProperty('panels');
  });

  test('still reads an entry published before the summary kept the vendor and panels', async () => {
    await t.call('POST', '/api/catalog/packages', await withPanels(key));
    // Make the stored entry what an older hub wrote: no vendor, no panels.
    const db = t.couch.db('heng-hub');
    const stored = (await db.get('package/com.example.lamps@2.0.0')) as unknown as Record<
      string,
      unknown
    >;
    delete stored['vendor'];
    delete stored['panels'];
    await db.insert(stored as never);
    const { packages } = await (await t.call('GET', '/api/catalog/packages')).json();
    expect(packages[0]).toMatchObject({ name: 'Lamps', plugin: { version: '2.0.0' } });
    expect(packages[0]).not.toHaveProperty('vendor');
    expect(packages[0]).not.toHaveProperty('panels');
    const one = await t.call('GET', '/api/catalog/packages/com.example.lamps/2.0.0');
    expect(one.status).toBe(200);
    // Installing it works as before: the package itself is unchanged.
    const install = await t.call('POST', '/api/installs', {
      sites: ['lighting-01'],
      plugin: { id: 'com.example.lamps', version: '2.0.0' },
      consent: { permissions: [...BASE_PERMISSIONS, PANEL_PERMISSION] },
    });
    expect(install.status, await install.clone().text()).toBe(201);
  });
});
