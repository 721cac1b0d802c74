/**
 * @module `<heng-install-wizard>` for apps that run at the hub: the place step offers the hub
 * when `runsOn` has `hub` and sites only when it has `edge`, and the consent step says the app
 * runs at the management centre, how far its commands reach and why, in the vendor's words.
 */
import {
  afterEach,
  deepEqual,
  describe,
  equal,
  includes,
  it,
  ok,
  until,
} from '../../test/harness.ts';
import { ApiClient } from '../api/index.ts';
import { setLocale } from '../i18n/index.ts';
import type { CatalogEntry, HengInstallWizard } from './index.ts';
import './index.ts';

const HUB_PKG: CatalogEntry = {
  plugin: { id: 'cn.example.incidents', version: '0.1.0', digest: 'sha256-hub' },
  name: 'Incidents',
  runsOn: ['hub'],
  permissions: [
    { capability: 'events:subscribe', topics: ['pump/high-level'], reason: 'Hears alarms' },
    {
      capability: 'command:write',
      points: ['+/+/pump-2-start'],
      rate: { count: 2, perSeconds: 60 },
      reason: 'Starts the standby pump',
    },
  ],
  keyId: 'key-hub',
};
const SITES = [{ id: 'pumping-01', name: 'Pumping station' }, { id: 'lighting-01' }];

function fakeApi() {
  const calls: Array<{ path: string; body: unknown }> = [];
  const api = new ApiClient(async (path, init) => {
    calls.push({ path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return Response.json({ installs: [{ site: 'hub' }] }, { status: 201 });
  });
  return { api, calls };
}

async function mount(pkg: CatalogEntry, set: Partial<HengInstallWizard> = {}) {
  const { api, calls } = fakeApi();
  const w = document.createElement('heng-install-wizard');
  Object.assign(w, { api, pkg, sites: SITES, ...set });
  document.body.append(w);
  await w.updateComplete;
  return { w, calls };
}

const $ = (w: HengInstallWizard, selector: string) =>
  w.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const heading = (w: HengInstallWizard) => $(w, 'h2')?.textContent ?? '';

async function next(w: HengInstallWizard): Promise<void> {
  const before = heading(w);
  $(w, 'button.next')?.click();
  await until(() => heading(w) !== before, 'the next step');
}

async function consent(w: HengInstallWizard): Promise<void> {
  $(w, '#consent')?.click();
  await w.updateComplete;
}

describe('<heng-install-wizard> at the hub', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('heng-install-wizard')) el.remove();
    setLocale('en');
  });

  it('says a hub app runs at the management centre, how far its commands reach and why', async () => {
    const { w } = await mount(HUB_PKG);
    await next(w);
    const note = $(w, '.hub-note');
    ok(note, 'the hub notice');
    includes(note.textContent, 'It runs at the management centre');
    includes(note.textContent, 'its commands reach every site whose points match its patterns');
    includes(note.textContent, 'point “pump-2-start” of every device at every site');
    includes(
      note.textContent,
      'Reaches, among the sites registered now: pumping-01 and lighting-01',
    );
    includes(note.textContent, 'Why, in the vendor’s words: Starts the standby pump');
  });

  it('warns when a hub app’s command permission gives no reason, and names only the sites a named pattern reaches', async () => {
    const { w } = await mount({
      ...HUB_PKG,
      permissions: [
        {
          capability: 'command:write',
          points: ['pumping-01/+/pump-1-start'],
          rate: { count: 1, perSeconds: 60 },
        },
      ],
    });
    await next(w);
    const note = $(w, '.hub-note')?.textContent ?? '';
    includes(note, 'Reaches, among the sites registered now: pumping-01.');
    includes(note, 'The vendor gave no reason for this permission');
  });

  it('offers only the hub for a hub-only package, chosen already, says why no site is offered, and installs there', async () => {
    const { w, calls } = await mount(HUB_PKG);
    await next(w);
    await consent(w);
    await next(w); // settings: none
    await next(w);
    includes(heading(w), 'Where it runs');
    const hub = w.shadowRoot?.getElementById('site-hub') as HTMLInputElement | null;
    ok(hub?.checked, 'the hub, chosen');
    includes($(w, 'label[for="site-hub"]')?.textContent, 'The hub (management centre)');
    equal(w.shadowRoot?.getElementById('site-pumping-01'), null, 'no site offered');
    includes($(w, 'fieldset + .note')?.textContent, 'runs only at the hub');
    await next(w);
    includes($(w, 'dl.facts')?.textContent, 'the hub');
    $(w, 'button.submit')?.click();
    await until(() => calls.length === 1, 'the install call');
    deepEqual(calls[0], {
      path: '/api/installs',
      body: {
        sites: ['hub'],
        plugin: { id: 'cn.example.incidents', version: '0.1.0' },
        config: {},
        consent: { permissions: HUB_PKG.permissions },
      },
    });
    await until(
      () => $(w, '[role="status"]')?.textContent?.includes('Installed at the hub'),
      'done',
    );
  });

  it('offers the hub and the sites for a package that runs at both, and no hub for an edge-only one', async () => {
    const both = await mount({ ...HUB_PKG, runsOn: ['edge', 'hub'] });
    await next(both.w);
    includes($(both.w, '.hub-note')?.textContent, 'Installed at the hub, this app runs');
    await consent(both.w);
    await next(both.w);
    await next(both.w);
    const boxes = [...(both.w.shadowRoot?.querySelectorAll('fieldset input') ?? [])].map(
      (b) => b.id,
    );
    deepEqual(boxes, ['site-hub', 'site-pumping-01', 'site-lighting-01']);
    equal(
      (both.w.shadowRoot?.getElementById('site-hub') as HTMLInputElement | null)?.checked,
      false,
      'the hub offered, a choice to make',
    );
    both.w.remove();

    const edge = await mount({ ...HUB_PKG, runsOn: ['edge'] });
    await next(edge.w);
    equal($(edge.w, '.hub-note'), null, 'no hub notice');
    await consent(edge.w);
    await next(edge.w);
    await next(edge.w);
    includes(heading(edge.w), 'Sites');
    equal(edge.w.shadowRoot?.getElementById('site-hub'), null, 'no hub offered');
  });

  it('shows the hub notice in Chinese', async () => {
    setLocale('zh-CN');
    const { w } = await mount(HUB_PKG);
    await next(w);
    includes($(w, '.hub-note')?.textContent, '在管理中心运行');
    includes($(w, '.hub-note')?.textContent, '厂商说明的理由：Starts the standby pump');
  });
});
