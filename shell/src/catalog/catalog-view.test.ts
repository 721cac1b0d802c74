/** @module The catalog view: what it lists, who may install, and the wizard it opens. */
import { deepQuery, deepQueryAll, deepText, fakeContext } from '../../test/fakes.ts';
import { afterEach, describe, equal, includes, it, ok, until } from '../../test/harness.ts';
import { parseRoute } from '../router/index.ts';
import type { Me } from '../session/index.ts';
import './index.ts';
import type { HengCatalog } from './catalog-view.ts';

const ADMIN: Me = {
  principal: { kind: 'user', id: 'admin', roles: ['administrator'], clearance: 'secret' },
  abilities: ['sites:read', 'catalog:read', 'installs:read', 'installs:write'],
};
const entry = (id: string, version: string, extra: object = {}) => ({
  plugin: { id, version, digest: `sha256-${'a'.repeat(43)}${version}` },
  name: id === 'com.example.lamps' ? 'Lamps' : 'Hub only',
  permissions: [{ capability: 'telemetry:read', points: ['+/+/dimming'] }],
  runsOn: ['edge'],
  keyId: 'key-123',
  publishedAt: '2026-11-28T10:00:00Z',
  publisher: 'vendor',
  ...extra,
});

let view: HengCatalog | undefined;
afterEach(() => {
  view?.remove();
  view = undefined;
});

async function mount(me: Me) {
  const fake = fakeContext({
    'GET /api/catalog/packages': () => ({
      body: {
        packages: [
          entry('com.example.lamps', '1.0.0', {
            vendor: { name: 'Example Lighting' },
            panels: [{ id: 'status', title: 'Lamp dimming' }],
          }),
          entry('com.example.lamps', '0.9.0', {
            revoked: { reason: 'leaks data', at: '2026-11-28T11:00:00Z', by: 'admin' },
          }),
          entry('com.example.hub', '1.0.0', { runsOn: ['hub'] }),
        ],
      },
    }),
    'GET /api/sites': () => ({ body: { sites: [{ id: 'lighting-01', name: 'Site 1' }] } }),
  });
  fake.ctx.me = me;
  view = document.createElement('heng-catalog') as HengCatalog;
  view.ctx = fake.ctx;
  document.body.append(view);
  await until(() => deepQueryAll(view!, 'tbody tr').length === 3, 'three rows');
  return fake;
}

describe('<heng-catalog>', () => {
  it('is the view at #/catalog', () => {
    equal(parseRoute('#/catalog').name, 'catalog');
  });

  it('lists each package with version, vendor, signer key, digest and where it runs', async () => {
    await mount(ADMIN);
    const text = deepText(view!);
    for (const part of ['Lamps', '1.0.0', 'Example Lighting', 'key-123', 'sha256-aaaa', 'edge'])
      includes(text, part);
    includes(text, 'Revoked: leaks data');
    includes(text, 'Panels: Lamp dimming');
    // Entries an older hub published carry no vendor: the row says so rather than leaving a gap.
    includes(
      deepText(deepQuery(view!, 'tr[data-package="com.example.hub@1.0.0"]')!),
      'Vendor not stated',
    );
  });

  it('offers Install only for installable packages, and opens the wizard for one', async () => {
    await mount(ADMIN);
    const buttons = deepQueryAll<HTMLButtonElement>(view!, 'tbody button');
    // Not the revoked 0.9.0; the hub-only package is installable at the hub.
    equal(
      buttons.map((b) => b.getAttribute('aria-label')).join(' | '),
      'Install Hub only 1.0.0 | Install Lamps 1.0.0',
      'install buttons',
    );
    buttons[1]!.click();
    const wizard = await until(
      () =>
        deepQuery(view!, 'heng-install-wizard') as
          | (HTMLElement & { pkg?: { plugin: { version: string } }; sites?: unknown[] })
          | undefined,
      'the wizard',
    );
    equal(wizard.pkg?.plugin.version, '1.0.0');
    equal(wizard.sites?.length, 1, 'sites offered');
    wizard.dispatchEvent(
      new CustomEvent('heng-install-done', {
        detail: { installs: [{ site: 'lighting-01' }] },
        bubbles: true,
        composed: true,
      }),
    );
    const link = await until(
      () => deepQuery<HTMLAnchorElement>(view!, 'a[href="#/sites/lighting-01/apps"]'),
      'a link to the apps',
    );
    ok(link);
  });

  it('installs a hub-only package at the hub and links to the hub’s apps', async () => {
    await mount(ADMIN);
    deepQueryAll<HTMLButtonElement>(view!, 'tbody button')[0]!.click();
    const wizard = await until(
      () =>
        deepQuery(view!, 'heng-install-wizard') as
          | (HTMLElement & { chosen?: Set<string> })
          | undefined,
      'the wizard',
    );
    await until(() => wizard.chosen?.has('hub'), 'the hub chosen already');
    wizard.dispatchEvent(
      new CustomEvent('heng-install-done', {
        detail: { installs: [{ site: 'hub' }] },
        bubbles: true,
        composed: true,
      }),
    );
    const link = await until(() => deepQuery<HTMLAnchorElement>(view!, 'a[href="#/hub"]'), 'link');
    includes(link.textContent, 'See the apps at the hub');
    includes(deepText(view!), 'Hub only 1.0.0 was installed at the hub.');
  });

  it('shows no Install to someone who may not install', async () => {
    const fake = await mount({ ...ADMIN, abilities: ['catalog:read'] });
    equal(deepQueryAll(view!, 'tbody button').length, 0, 'install buttons');
    equal(fake.calls.filter((c) => c.url === '/api/sites').length, 0, 'sites asked for');
  });
});
