/** @module Permissions in plain words, in two languages, and the upgrade difference. */
import type { Permission } from '@heng/schemas';
import { afterEach, describe, equal, includes, it, ok } from '../../test/harness.ts';
import { setLocale } from '../i18n/index.ts';
import { atomWords, describePermission, type HengPermissionList, pointWords } from './index.ts';

const PERMISSIONS: Permission[] = [
  {
    capability: 'telemetry:read',
    points: ['+/+/dimming', 'lighting-01/#'],
    reason: 'Reads lamp levels',
  },
  { capability: 'command:write', points: ['+/+/dimming'], rate: { count: 30, perSeconds: 60 } },
  { capability: 'storage', quotaKiB: 2048 },
  { capability: 'net:fetch', hosts: ['api.weather.example', '*.tiles.example'] },
  { capability: 'events:publish', topics: ['lighting/fault/+/+'] },
  { capability: 'schedule', schedules: [{ name: 'dimming', everySeconds: 300 }] },
  { capability: 'http:route', routes: [{ method: 'GET', path: '/status' }] },
  { capability: 'ui:panel', panels: ['lamps'] },
];

async function mount(set: (el: HengPermissionList) => void): Promise<HengPermissionList> {
  const el = document.createElement('heng-permission-list');
  set(el);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('permission words', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('heng-permission-list')) el.remove();
    setLocale('en');
  });

  it('says which points a plugin may read and command, and how often', () => {
    equal(pointWords('+/+/dimming'), 'point “dimming” of every device at every site');
    equal(pointWords('lighting-01/#'), 'every point at site lighting-01');
    equal(
      describePermission(PERMISSIONS[1]!),
      'May send commands to point “dimming” of every device at every site, at most 30 every minute.',
    );
    equal(
      describePermission(PERMISSIONS[2]!),
      'May keep up to 2 MiB of its own data, which no other app can see.',
    );
    equal(
      describePermission(PERMISSIONS[3]!),
      'May make HTTPS requests to api.weather.example and any subdomain of tiles.example, and to no other host.',
    );
    includes(describePermission(PERMISSIONS[5]!), '“dimming” every 5 minutes');
  });

  it('says it in Simplified Chinese', () => {
    setLocale('zh-CN');
    equal(
      describePermission(PERMISSIONS[1]!),
      '可以向所有站点所有设备的点位“dimming”发送指令，每分钟最多 30 条。',
    );
    includes(describePermission(PERMISSIONS[0]!), '站点“lighting-01”的所有点位');
  });

  it("reads the hub's difference labels back into words", () => {
    equal(
      atomWords('command:write', '+/+/dimming at 60/60s'),
      'point “dimming” of every device at every site at most 60 every minute',
    );
    equal(atomWords('storage', 'quota 4096 KiB'), '4 MiB');
    equal(atomWords('http:route', 'GET /lamps/:id'), 'GET /lamps/:id');
  });

  it('lists every permission with its title, sentence and the vendor’s reason', async () => {
    const el = await mount((e) => (e.permissions = PERMISSIONS));
    const items = el.shadowRoot?.querySelectorAll('li') ?? [];
    equal(items.length, PERMISSIONS.length, 'one item per permission');
    includes(items[0]?.textContent, 'Read telemetry');
    includes(items[0]?.textContent, 'Why, in the vendor’s words: Reads lamp levels');
    equal(el.shadowRoot?.querySelector('ul')?.getAttribute('aria-label'), 'Permissions');
  });

  it('on upgrade shows only what changed', async () => {
    const el = await mount(
      (e) =>
        (e.difference = {
          added: [{ capability: 'net:fetch', hosts: ['api.weather.example'], reason: 'Forecasts' }],
          removed: [{ capability: 'ui:panel', panels: ['lamps'] }],
          widened: [{ capability: 'command:write', atoms: ['+/+/dimming at 60/60s'] }],
          narrowed: [],
        }),
    );
    const root = el.shadowRoot;
    includes(root?.querySelector('.added')?.textContent, 'api.weather.example');
    includes(
      root?.querySelector('.widened')?.textContent,
      'Send commands to field devices: now also point “dimming”',
    );
    includes(root?.querySelector('.removed')?.textContent, 'Show panels in the shell');
    ok(!root?.querySelector('.narrowed'), 'no empty section');
    ok(!root?.textContent?.includes('Read telemetry'), 'unchanged permissions are not shown');
  });
});
