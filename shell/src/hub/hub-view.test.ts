/**
 * @module The hub's view: the apps installed at the hub with their lifecycle, the events they
 * raised newest first with their level and site, and what shows to whom.
 */
import { deepQuery, deepQueryAll, deepText, fakeContext } from '../../test/fakes.ts';
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
import { setLocale } from '../i18n/index.ts';
import type { Me } from '../session/index.ts';
import './index.ts';
import type { HengHubView } from './hub-view.ts';

const ADMIN: Me = {
  principal: { kind: 'user', id: 'admin', roles: ['administrator'], clearance: 'secret' },
  abilities: ['sites:read', 'events:read', 'catalog:read', 'installs:read', 'installs:write'],
};
const PLUGIN = 'cn.hengyang.water.pump-incidents';
const install = (state: string) => ({
  type: 'app-install',
  site: 'hub',
  plugin: { id: PLUGIN, version: '0.1.0', digest: 'sha256-pi' },
  permissions: [{ capability: 'events:subscribe', topics: ['pump/high-level'] }],
  config: {},
  state,
  consent: { by: 'admin', at: '2026-11-28T10:00:00Z' },
  updatedAt: '2026-11-28T10:00:00Z',
});
const event = (id: string, ts: string, title: string, level?: number) => ({
  id,
  topic: 'incident/flooding/opened',
  source: `plugin:${PLUGIN}`,
  ts,
  title,
  payload: { site: 'pumping-01', incident: id },
  dataClass: 'internal',
  ...(level ? { level } : {}),
});

let view: HengHubView | undefined;
afterEach(() => {
  view?.remove();
  view = undefined;
  setLocale('en');
});

async function mount(me: Me = ADMIN) {
  let state = 'active';
  const fake = fakeContext({
    'GET /api/sites/hub/apps': () => ({
      body: {
        apps: [
          {
            install: install(state),
            status: {
              plugin: { id: PLUGIN, version: '0.1.0', digest: 'sha256-pi' },
              state,
              faults: 0,
              current: true,
            },
          },
        ],
      },
    }),
    [`POST /api/sites/hub/apps/${PLUGIN}/disable`]: () => {
      state = 'stopped';
      return { body: { install: install('stopped') } };
    },
    'GET /api/hub/events': () => ({
      body: {
        events: [
          event('e1', '2026-11-28T10:00:00Z', 'Flooding incident closed at pumping-01'),
          event('e2', '2026-11-28T11:00:00Z', 'Flooding incident opened at pumping-01', 2),
        ],
      },
    }),
  });
  fake.ctx.me = me;
  view = document.createElement('heng-hub-view') as HengHubView;
  view.ctx = fake.ctx;
  document.body.append(view);
  return fake;
}

describe('<heng-hub-view>', () => {
  it('lists the apps installed at the hub, running there, with their lifecycle actions', async () => {
    const { calls } = await mount();
    const row = await until(() => deepQuery(view!, `tr[data-plugin="${PLUGIN}"]`), 'the app row');
    const text = deepText(row);
    for (const part of [PLUGIN, '0.1.0', 'running']) includes(text, part);
    includes(deepText(view!), 'At the hub', 'the column names the hub, not an edge');
    ok(!deepQuery(view!, 'a[href="#/sites/hub"]'), 'no link back to a site');
    const disable = deepQueryAll<HTMLButtonElement>(row, 'button').find((b) =>
      b.textContent?.includes('Disable'),
    );
    ok(disable, 'Disable offered');
    disable.click();
    await until(() => deepText(view!).includes('The hub applies it in a moment'), 'done');
    ok(calls.some((c) => c.method === 'POST' && c.url === `/api/sites/hub/apps/${PLUGIN}/disable`));
  });

  it('shows a live report from the hub’s runner as it comes', async () => {
    const { ctx, sources } = await mount();
    const row = () => deepQuery(view!, `tr[data-plugin="${PLUGIN}"]`);
    await until(() => row(), 'the app row');
    ctx.live.connect();
    sources[0]!.emit('app', {
      site: 'hub',
      plugin: PLUGIN,
      install: install('active'),
      status: {
        plugin: { id: PLUGIN, version: '0.1.0', digest: 'sha256-pi' },
        state: 'quarantined',
        faults: 4,
        lastError: { message: 'ran past its deadline' },
        current: true,
      },
    });
    await until(() => deepText(row()!).includes('quarantined'), 'the report shown');
    includes(deepText(row()!), 'ran past its deadline');
    ctx.live.close();
  });

  it('lists the events the hub’s apps raised, newest first, with level and site', async () => {
    const { calls } = await mount();
    await until(() => deepQueryAll(view!, 'tr[data-event]').length === 2, 'two events');
    deepEqual(
      deepQueryAll(view!, 'tr[data-event]').map((r) => r.dataset.event),
      ['e2', 'e1'],
      'newest first',
    );
    const newest = deepText(deepQuery(view!, 'tr[data-event="e2"]')!);
    for (const part of ['Level 2', 'incident/flooding/opened', 'pumping-01', `plugin:${PLUGIN}`])
      includes(newest, part);
    ok(deepQuery(view!, 'tr[data-event="e2"] td.bad'), 'a severe level is marked');
    includes(deepText(deepQuery(view!, 'tr[data-event="e1"]')!), 'routine');
    ok(
      calls.some((c) => c.url === '/api/hub/events?limit=100'),
      'asked for the newest 100',
    );
  });

  it('adds a hub event that arrives live, and refreshes on request', async () => {
    const fake = await mount();
    fake.ctx.live.connect();
    await until(() => deepQueryAll(view!, 'tr[data-event]').length === 2, 'two events');
    fake.sources[0]?.emit('event', {
      site: 'hub',
      event: event('e3', '2026-11-28T12:00:00Z', 'Another incident', 2),
    });
    fake.sources[0]?.emit('event', {
      site: 'pumping-01',
      event: event('x', '2026-11-28T12:30:00Z', 'A site event'),
    });
    await until(() => deepQuery(view!, 'tr[data-event="e3"]'), 'the live event');
    equal(deepQuery(view!, 'tr[data-event="x"]'), undefined, 'a site event is not the hub’s');
    const before = fake.calls.filter((c) => c.url.startsWith('/api/hub/events')).length;
    deepQueryAll<HTMLButtonElement>(view!, 'button')
      .find((b) => b.textContent?.includes('Refresh events'))!
      .click();
    await until(
      () => fake.calls.filter((c) => c.url.startsWith('/api/hub/events')).length === before + 1,
      'asked again',
    );
  });

  it('shows each part only to those who may see it', async () => {
    const { calls } = await mount({ ...ADMIN, abilities: ['events:read'] });
    await until(() => deepQueryAll(view!, 'tr[data-event]').length === 2, 'the events');
    equal(deepQuery(view!, 'heng-site-apps'), undefined, 'no apps without installs:read');
    equal(calls.filter((c) => c.url.startsWith('/api/sites/hub/apps')).length, 0, 'not asked');
  });

  it('shows nothing of the hub to a technician, whose abilities hold at its sites only', async () => {
    const { calls } = await mount({
      principal: { kind: 'user', id: 'tech', roles: ['technician'], clearance: 'secret' },
      abilities: ['sites:read', 'events:read', 'commands:write'],
      atHub: [],
    });
    equal(deepQuery(view!, 'heng-hub-events'), undefined, 'no events part');
    equal(deepQuery(view!, 'heng-site-apps'), undefined, 'no apps part');
    equal(calls.filter((c) => c.url.startsWith('/api/hub/')).length, 0, 'not asked');
  });

  it('speaks Chinese', async () => {
    setLocale('zh-CN');
    await mount();
    await until(() => deepText(view!).includes('管理中心应用产生的事件'), 'the events title');
    await until(() => deepText(view!).includes('中心状态'), 'the apps column');
    await until(() => deepText(view!).includes('2 级'), 'the level, once the events came');
  });
});
