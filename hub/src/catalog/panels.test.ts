import { packPlugin, signPackage } from '@heng/core';
import type { Permission, PluginManifest } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  BASE_PERMISSIONS,
  type CatalogApp,
  lampsManifest,
  openCatalogApp,
  vendorKey,
} from './catalog.fixture.ts';

const PANEL: Permission = { capability: 'ui:panel', panels: ['status'] };
const PAGE = '<!doctype html><title>Lamps</title><script>parent.postMessage({}, "*")</script>';
const URL_OF = '/api/sites/lighting-01/apps/com.example.lamps/panels/status';

/** The lamps plugin with a `status` panel page (and `secret`, declared but never permitted). */
function panelManifest(version: string, permissions: Permission[]): PluginManifest {
  return {
    ...lampsManifest(version, permissions),
    entry: 'dist/plugin.js',
    ui: {
      panels: [
        { id: 'status', title: 'Status', entry: 'ui/status.html' },
        { id: 'secret', title: 'Secret', entry: 'ui/secret.html' },
      ],
    },
  } as PluginManifest;
}

describe.each(STORE_TARGETS)('plugin panel pages on $name', (target: StoreTarget) => {
  let t: CatalogApp;
  const publishAndInstall = async (version: string, permissions: Permission[]) => {
    const key = await vendorKey();
    await t.call('POST', '/api/catalog/keys', { publicKey: key.pub });
    const files = new Map([
      ['dist/plugin.js', new TextEncoder().encode('export default {};\n')],
      ['ui/status.html', new TextEncoder().encode(PAGE)],
      ['ui/secret.html', new TextEncoder().encode('<p>secret</p>')],
    ]);
    const packed = await packPlugin({ manifest: panelManifest(version, permissions), files });
    const res = await t.call('POST', '/api/catalog/packages', await signPackage(packed, key.priv));
    expect(res.status).toBe(201);
    const installed = await t.call('POST', '/api/installs', {
      sites: ['lighting-01'],
      plugin: { id: 'com.example.lamps', version },
      config: {},
      consent: { permissions },
    });
    expect(installed.status).toBe(201);
  };
  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    t = await openCatalogApp(target);
  });
  afterEach(async () => t?.close());

  test('serves the installed panel page with a sandboxing policy and nosniff', async () => {
    await publishAndInstall('1.0.0', [...BASE_PERMISSIONS, PANEL]);
    const res = await t.call('GET', URL_OF, undefined, 'operator');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(PAGE);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^sandbox allow-scripts;/);
    expect(csp).not.toMatch(/allow-same-origin/);
    expect(csp).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('refuses a panel that no consented ui:panel permission names', async () => {
    await publishAndInstall('1.0.0', [...BASE_PERMISSIONS, PANEL]);
    const res = await t.call('GET', URL_OF.replace('status', 'secret'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('no consented ui:panel permission');
  });

  test('refuses when the grant has no ui:panel at all, or the panel is undeclared', async () => {
    await publishAndInstall('1.0.0', BASE_PERMISSIONS);
    expect((await t.call('GET', URL_OF)).status).toBe(404);
    expect((await t.call('GET', URL_OF.replace('status', 'nope'))).status).toBe(404);
  });

  test('refuses a plugin not installed, an uninstalled one, an unknown site, and no ability', async () => {
    await publishAndInstall('1.0.0', [...BASE_PERMISSIONS, PANEL]);
    expect((await t.call('GET', URL_OF.replace('lighting-01', 'lighting-02'))).status).toBe(404);
    expect((await t.call('GET', URL_OF.replace('lighting-01', 'nowhere'))).status).toBe(404);
    expect((await t.call('GET', URL_OF, undefined, 'vendor')).status).toBe(403);
    await t.call('POST', '/api/sites/lighting-01/apps/com.example.lamps/uninstall');
    expect((await t.call('GET', URL_OF)).status).toBe(404);
  });
});
