/** @module A site's installed apps: states, the lifecycle calls, confirmation, errors and live updates. */
import { deepQuery, deepQueryAll, deepText, fakeContext, fakeFetch } from '../../test/fakes.ts';
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
import { hrefOf, parseRoute } from '../router/index.ts';
import type { Me } from '../session/index.ts';
import './index.ts';
import { awaitingEdge, withLiveApp } from './apps-follower.ts';
import type { HengSiteApps } from './site-apps-view.ts';

const ADMIN: Me = {
  principal: { kind: 'user', id: 'admin', roles: ['administrator'], clearance: 'secret' },
  abilities: ['sites:read', 'catalog:read', 'installs:read', 'installs:write', 'telemetry:read'],
};
const BASE = '/api/sites/lighting-01/apps';
const install = (state = 'active', extra: object = {}) => ({
  type: 'app-install',
  site: 'lighting-01',
  plugin: { id: 'com.example.lamps', version: '1.1.0', digest: 'sha256-new' },
  permissions: [
    { capability: 'telemetry:read', points: ['+/+/dimming'] },
    { capability: 'ui:panel', panels: ['status'] },
  ],
  config: { nightLevel: 40 },
  state,
  consent: { by: 'admin', at: '2026-11-28T10:00:00Z' },
  previous: { version: '1.0.0', digest: 'sha256-old' },
  updatedAt: '2026-11-28T10:00:00Z',
  ...extra,
});

/** Lets `n` animation frames pass (fetches of the fake hub settle within one). */
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

let view: HengSiteApps | undefined;
afterEach(() => {
  view?.remove();
  view = undefined;
});

const lampsPackage = (version: string, panels?: Array<{ id: string; title: string }>) => ({
  plugin: { id: 'com.example.lamps', version, digest: version },
  name: 'Lamps',
  permissions: [],
  keyId: 'k',
  ...(panels ? { panels } : {}),
});

async function mount(me: Me = ADMIN, failWith?: { status: number; code: string; message: string }) {
  let state = 'active';
  const fake = fakeContext({
    [`GET ${BASE}`]: () => ({
      body: {
        apps: [
          {
            install: install(state),
            status: {
              plugin: { id: 'com.example.lamps', version: '1.0.0', digest: 'sha256-old' },
              state: 'quarantined',
              faults: 3,
              lastError: { code: 'timeout', message: 'ran past its deadline' },
              current: false,
            },
          },
        ],
      },
    }),
    [`POST ${BASE}/com.example.lamps/disable`]: () => {
      if (failWith) return { status: failWith.status, body: { error: failWith } };
      state = 'stopped';
      return { body: { install: install('stopped') } };
    },
    [`POST ${BASE}/com.example.lamps/uninstall`]: () => ({
      body: { install: install('uninstalled') },
    }),
    [`POST ${BASE}/com.example.lamps/rollback`]: () => ({ body: { install: install() } }),
    [`PUT ${BASE}/com.example.lamps/auto-rollback`]: () => ({ body: { install: install() } }),
    'GET /api/catalog/packages': () => ({
      body: {
        packages: [
          lampsPackage('1.1.0', [{ id: 'status', title: 'Lamp dimming' }]),
          lampsPackage('1.2.0'),
        ],
      },
    }),
  });
  fake.ctx.me = me;
  view = document.createElement('heng-site-apps') as HengSiteApps;
  // The edge's report here never catches up: no fallback asks during a test.
  Object.assign(view, { ctx: fake.ctx, site: 'lighting-01', fallbackMs: 3_600_000 });
  document.body.append(view);
  await until(() => deepQuery(view!, 'tbody tr'), 'the app row');
  const button = (label: string) =>
    deepQueryAll<HTMLButtonElement>(view!, 'button').find((b) => b.textContent?.includes(label));
  const gets = () => fake.calls.filter((c) => c.method === 'GET' && c.url === BASE).length;
  return { ...fake, button, gets };
}

describe('<heng-site-apps>', () => {
  it('is the view at #/sites/<id>/apps', () => {
    deepEqual(parseRoute('#/sites/lighting-01/apps'), { name: 'apps', site: 'lighting-01' });
    equal(hrefOf({ name: 'apps', site: 'lighting-01' }), '#/sites/lighting-01/apps');
  });

  it('shows version, wanted state, the edge’s report, faults and last error', async () => {
    await mount();
    const text = deepText(view!);
    for (const part of [
      'com.example.lamps',
      '1.1.0',
      'running',
      'quarantined',
      '3',
      'ran past its deadline',
    ])
      includes(text, part);
    includes(text, 'still running 1.0.0');
  });

  it('disables, with progress, then reloads and says it is done', async () => {
    const { button, calls, gets } = await mount();
    const before = gets();
    button('Disable')!.click();
    await until(() => deepText(view!).includes('done'), 'done');
    ok(calls.some((c) => c.method === 'POST' && c.url.endsWith('/disable')));
    equal(gets(), before + 1, 'reloads');
    await until(() => button('Enable'), 'Enable offered for the stopped app');
  });

  it('uninstalls only after confirmation', async () => {
    const { button, calls } = await mount();
    button('Uninstall')!.click();
    await until(() => deepQuery(view!, '[role=alertdialog]'), 'the confirmation');
    equal(calls.filter((c) => c.method === 'POST').length, 0, 'nothing sent yet');
    button('Keep it')!.click();
    await until(() => !deepQuery(view!, '[role=alertdialog]'), 'closed');
    button('Uninstall')!.click();
    const confirm = await until(
      () => deepQueryAll<HTMLButtonElement>(view!, '[role=alertdialog] button')[0],
      'confirm',
    );
    confirm.click();
    await until(() => calls.some((c) => c.url.endsWith('/uninstall')), 'uninstall sent');
  });

  it('shows progress while the hub works, with the actions disabled', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fetch, calls } = fakeFetch({
      [`GET ${BASE}`]: () => ({ body: { apps: [{ install: install(), status: null }] } }),
      [`POST ${BASE}/com.example.lamps/disable`]: () => ({ body: { install: install('stopped') } }),
    });
    const ctx = fakeContext({}).ctx;
    ctx.api = new ApiClient(async (url, init) => {
      if (url.endsWith('/disable')) await gate;
      return fetch(url, init);
    });
    ctx.me = ADMIN;
    view = document.createElement('heng-site-apps') as HengSiteApps;
    Object.assign(view, { ctx, site: 'lighting-01' });
    document.body.append(view);
    const disable = await until(
      () =>
        deepQueryAll<HTMLButtonElement>(view!, 'button').find((b) =>
          b.textContent?.includes('Disable'),
        ),
      'the row',
    );
    includes(deepText(view), 'No report from the edge yet');
    disable.click();
    await until(() => deepQuery(view!, 'progress'), 'progress');
    ok(disable.disabled, 'actions disabled meanwhile');
    release();
    await until(() => !deepQuery(view!, 'progress'), 'progress gone');
    ok(calls.some((c) => c.url.endsWith('/disable')));
  });

  it('rolls back and toggles automatic rollback', async () => {
    const { button, calls } = await mount();
    button('Roll back to 1.0.0')!.click();
    await until(() => calls.some((c) => c.url.endsWith('/rollback')), 'rollback sent');
    await until(() => !deepQuery(view!, 'progress'), 'idle');
    deepQuery<HTMLInputElement>(view!, 'input[type=checkbox]')!.click();
    const put = await until(() => calls.find((c) => c.method === 'PUT'), 'auto-rollback sent');
    deepEqual(put.body, { autoRollback: true });
  });

  it('says what went wrong in the user’s words and keeps working', async () => {
    const { button } = await mount(ADMIN, {
      status: 409,
      code: 'conflict',
      message: 'install changed meanwhile',
    });
    button('Disable')!.click();
    const alert = await until(() => deepQuery(view!, '[role=alert]'), 'the error');
    includes(alert.textContent, 'install changed meanwhile');
    ok(!button('Disable')!.disabled, 'actions still usable');
  });

  it('shows a live app message about its place at once, without asking the hub again', async () => {
    const { sources, gets, ctx } = await mount();
    ctx.live.connect();
    sources[0]!.open();
    await until(() => gets() === 2, 'the catch-up read when the feed opens');
    await frames(2); // its answer is in
    const report = (state: string) => ({
      plugin: { id: 'com.example.lamps', version: '1.1.0', digest: 'sha256-new' },
      state,
      faults: 0,
      current: true,
    });
    sources[0]!.emit('app', {
      site: 'lighting-02',
      plugin: 'com.example.lamps',
      install: install('stopped'),
      status: report('stopped'),
    });
    sources[0]!.emit('app', {
      site: 'lighting-01',
      plugin: 'com.example.lamps',
      install: install(),
      status: report('active'),
    });
    await until(() => !deepText(view!).includes('quarantined'), 'the new report shown');
    includes(deepText(view!), 'running');
    ok(!deepText(view!).includes('stopped'), 'the other site’s message is not shown here');
    equal(gets(), 2, 'no request for it');
    ctx.live.close();
  });

  it('adds a new install, replaces a changed one and drops a deleted one', () => {
    const lamps = { install: install(), status: null } as unknown as Parameters<
      typeof withLiveApp
    >[0][number];
    const other = {
      ...install(),
      plugin: { id: 'com.example.pumps', version: '1.0.0', digest: 'p' },
    };
    const message = (plugin: string, record: unknown) =>
      ({ site: 'lighting-01', plugin, install: record, status: null }) as Parameters<
        typeof withLiveApp
      >[1];
    const added = withLiveApp([lamps], message('com.example.pumps', other));
    deepEqual(
      added.map((a) => a.install.plugin.id),
      ['com.example.lamps', 'com.example.pumps'],
    );
    const replaced = withLiveApp(added, message('com.example.lamps', install('stopped')));
    equal(replaced[0]!.install.state, 'stopped');
    deepEqual(
      withLiveApp(replaced, message('com.example.lamps', null)).map((a) => a.install.plugin.id),
      ['com.example.pumps'],
    );
  });

  it('reads the list again when a message came while it was loading', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    const { fetch } = fakeFetch({
      [`GET ${BASE}`]: () => ({ body: { apps: [{ install: install(), status: null }] } }),
    });
    const fake = fakeContext({});
    fake.ctx.api = new ApiClient(async (url, init) => {
      // The first read is held until a message has come meanwhile.
      if (url === BASE && asked++ === 0) await gate;
      return fetch(url, init);
    });
    fake.ctx.me = ADMIN;
    view = document.createElement('heng-site-apps') as HengSiteApps;
    Object.assign(view, { ctx: fake.ctx, site: 'lighting-01', fallbackMs: 3_600_000 });
    document.body.append(view);
    fake.ctx.live.connect();
    fake.sources[0]!.emit('app', {
      site: 'lighting-01',
      plugin: 'com.example.lamps',
      install: install(),
      status: null,
    });
    release();
    await until(() => asked === 2, 'a second read after the first');
    fake.ctx.live.close();
  });

  it('labels a panel’s button with its title from the catalog, else with its id', async () => {
    const { button } = await mount();
    await until(() => button('Open panel “Lamp dimming”'), 'the titled button');
    view?.remove();
    const reader = await mount({ ...ADMIN, abilities: ['installs:read'] });
    ok(reader.button('Open panel “status”'), 'the id without catalog:read');
    ok(!reader.calls.some((c) => c.url === '/api/catalog/packages'), 'the catalog not asked');
  });

  it('opens the upgrade wizard for another version, with the installed settings', async () => {
    const { button } = await mount();
    button('Upgrade')!.click();
    const choice = await until(() => button('1.2.0'), 'version 1.2.0 offered');
    equal(button('1.1.0') === undefined || !button('1.1.0')!.closest('.dialog'), true);
    choice.click();
    const wizard = await until(
      () =>
        deepQuery(view!, 'heng-install-wizard') as
          | (HTMLElement & { mode: string; settings: unknown; site: string })
          | undefined,
      'the wizard',
    );
    equal(wizard.mode, 'upgrade');
    equal(wizard.site, 'lighting-01');
    deepEqual(wizard.settings, { nightLevel: 40 });
  });

  it('opens a granted panel in a sandboxed frame', async () => {
    const { button } = await mount();
    (await until(() => button('Lamp dimming'), 'the panel button')).click();
    const frame = await until(() => deepQuery<HTMLIFrameElement>(view!, 'iframe'), 'the frame');
    equal(frame.getAttribute('sandbox'), 'allow-scripts');
    equal(frame.getAttribute('src'), '/api/sites/lighting-01/apps/com.example.lamps/panels/status');
  });

  it('shows no actions to a reader', async () => {
    const { button } = await mount({ ...ADMIN, abilities: ['installs:read'] });
    equal(button('Disable'), undefined);
    ok(button('status'), 'panels stay available');
  });

  it('asks again, while the live feed is down, until the edge reports the change', async () => {
    const reports = [
      null,
      {
        state: 'active',
        current: false,
        plugin: { id: 'com.example.lamps', version: '1.0.0', digest: 'sha256-old' },
      },
      {
        state: 'active',
        current: true,
        plugin: { id: 'com.example.lamps', version: '1.1.0', digest: 'sha256-new' },
      },
    ];
    let asked = 0;
    const fake = fakeContext({
      [`GET ${BASE}`]: () => ({
        body: { apps: [{ install: install(), status: reports[Math.min(asked++, 2)] }] },
      }),
    });
    fake.ctx.me = ADMIN;
    view = document.createElement('heng-site-apps') as HengSiteApps;
    Object.assign(view, { ctx: fake.ctx, site: 'lighting-01', fallbackMs: 50 });
    fake.ctx.live.connect();
    fake.sources[0]!.fail(true);
    document.body.append(view);
    await until(
      () => asked >= 3 && !deepText(view!).includes('still running'),
      'the new version reported',
    );
    includes(deepText(view!), 'running');
    ok(!view.apps!.some(awaitingEdge), 'nothing left to wait for');
    fake.ctx.live.close();
  });

  it('does not ask again while the live feed is open', async () => {
    let asked = 0;
    const fake = fakeContext({
      [`GET ${BASE}`]: () => {
        asked++;
        return { body: { apps: [{ install: install(), status: null }] } };
      },
    });
    fake.ctx.me = ADMIN;
    fake.ctx.live.connect();
    fake.sources[0]!.open();
    view = document.createElement('heng-site-apps') as HengSiteApps;
    Object.assign(view, { ctx: fake.ctx, site: 'lighting-01', fallbackMs: 1 });
    document.body.append(view);
    await until(() => deepQuery(view!, 'tbody tr'), 'the app row');
    await frames(10); // in which a 1 ms fallback would have asked many times
    equal(asked, 1, 'one read only');
    fake.sources[0]!.fail(true);
    await until(() => asked > 1, 'asks again once the feed is down');
    fake.ctx.live.close();
  });

  it('waits for the edge only while its report differs from what the hub wants', () => {
    const status = (state: string, current = true) => ({
      state,
      current,
      plugin: { id: 'com.example.lamps', version: '1.1.0', digest: 'sha256-new' },
    });
    const app = (wanted: string, report: ReturnType<typeof status> | null) =>
      ({ install: install(wanted), status: report }) as Parameters<typeof awaitingEdge>[0];
    ok(awaitingEdge(app('active', null)), 'no report yet');
    ok(awaitingEdge(app('active', status('active', false))), 'a report on the old version');
    ok(awaitingEdge(app('stopped', status('active'))), 'not stopped yet');
    ok(awaitingEdge(app('uninstalled', status('stopped'))), 'not uninstalled yet');
    ok(!awaitingEdge(app('active', status('active'))), 'running as wanted');
    ok(!awaitingEdge(app('uninstalled', status('uninstalled'))), 'gone as wanted');
    ok(!awaitingEdge(app('uninstalled', null)), 'uninstalled before any report');
    ok(!awaitingEdge(app('active', status('failed'))), 'failed: waiting would not help');
  });
});
