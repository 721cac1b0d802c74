/** @module A site's installed apps: states, the lifecycle calls, confirmation, errors and live reloads. */
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
import { awaitingEdge, type HengSiteApps } from './site-apps-view.ts';

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

let view: HengSiteApps | undefined;
afterEach(() => {
  view?.remove();
  view = undefined;
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
          {
            plugin: { id: 'com.example.lamps', version: '1.1.0', digest: 'x' },
            name: 'Lamps',
            permissions: [],
            keyId: 'k',
          },
          {
            plugin: { id: 'com.example.lamps', version: '1.2.0', digest: 'y' },
            name: 'Lamps',
            permissions: [],
            keyId: 'k',
          },
        ],
      },
    }),
  });
  fake.ctx.me = me;
  view = document.createElement('heng-site-apps') as HengSiteApps;
  // The edge's report here never catches up: no follow-up asks during a test.
  Object.assign(view, { ctx: fake.ctx, site: 'lighting-01', followUpMs: 3_600_000 });
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

  it('reloads on a live message about its site only', async () => {
    const { sources, gets, ctx } = await mount();
    ctx.live.connect();
    const before = gets();
    sources[0]!.emit('site', { site: 'lighting-02', sync: {} });
    sources[0]!.emit('site', { site: 'lighting-01', sync: {} });
    await until(() => gets() === before + 1, 'one reload');
    ctx.live.close();
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
    button('status')!.click();
    const frame = await until(() => deepQuery<HTMLIFrameElement>(view!, 'iframe'), 'the frame');
    equal(frame.getAttribute('sandbox'), 'allow-scripts');
    equal(frame.getAttribute('src'), '/api/sites/lighting-01/apps/com.example.lamps/panels/status');
  });

  it('shows no actions to a reader', async () => {
    const { button } = await mount({ ...ADMIN, abilities: ['installs:read'] });
    equal(button('Disable'), undefined);
    ok(button('status'), 'panels stay available');
  });

  it('asks again until the edge reports the change, showing each report', async () => {
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
    Object.assign(view, { ctx: fake.ctx, site: 'lighting-01', followUpMs: 50 });
    document.body.append(view);
    await until(
      () => asked >= 3 && !deepText(view!).includes('still running'),
      'the new version reported',
    );
    includes(deepText(view!), 'running');
    ok(!view.apps!.some(awaitingEdge), 'nothing left to wait for');
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
