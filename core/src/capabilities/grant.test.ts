import { HengError } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { apiShape } from './api-shape.ts';
import { grantFromManifest } from './grant.ts';
import type { Permission } from './grant-types.ts';

const ID = 'city.hengyang.lighting';
const grantOf = (...permissions: Permission[]) => grantFromManifest({ id: ID, permissions });

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(HengError);
    expect((err as HengError).code).toBe('invalid_manifest');
    return ((err as HengError).issues ?? []).map((i) => i.path);
  }
  throw new Error('expected a ManifestError');
}

describe('grantFromManifest', () => {
  const grant = grantOf(
    { capability: 'telemetry:read', points: ['lighting-01/+/dimming', 'env-02/#'] },
    {
      capability: 'command:write',
      points: ['lighting-01/+/dimming'],
      rate: { count: 5, perSeconds: 60 },
    },
    { capability: 'events:publish', topics: ['incident/+/opened'] },
    { capability: 'events:subscribe', topics: ['lighting/#'] },
    {
      capability: 'net:fetch',
      hosts: ['api.weather.example', '*.gov.example', 'tiles.example.net:8443'],
    },
    { capability: 'storage', quotaKiB: 16 },
    { capability: 'http:route', routes: [{ method: 'GET', path: '/lamps/:id' }] },
    { capability: 'schedule', schedules: [{ name: 'night-dimming', everySeconds: 300 }] },
    { capability: 'ui:panel', panels: ['lamp-map'] },
  );

  test('reads only the points its patterns cover', () => {
    expect(grant.canReadPoint('lighting-01/lamp-7/dimming')).toBe(true);
    expect(grant.canReadPoint('env-02/aq-1/pm25')).toBe(true);
    expect(grant.canReadPoint('lighting-02/lamp-7/dimming')).toBe(false);
    expect(grant.canReadPoint('lighting-01/+/dimming')).toBe(false);
    expect(grant.canReadPoint('env-02/aq-1')).toBe(false);
  });

  test('commands only the points of a command:write permission', () => {
    expect(grant.canCommand('lighting-01/lamp-7/dimming')).toBe(true);
    expect(grant.canCommand('env-02/aq-1/pm25')).toBe(false);
    expect(grant.commandRuleFor('lighting-01/lamp-7/dimming')?.rate).toEqual({
      count: 5,
      perSeconds: 60,
    });
  });

  test('publishes and subscribes on separate topic lists', () => {
    expect(grant.canPublish('incident/flooding/opened')).toBe(true);
    expect(grant.canPublish('lighting/lamp/failed')).toBe(false);
    expect(grant.subscribes('lighting/lamp/failed')).toBe(true);
    expect(grant.subscribes('incident/flooding/opened')).toBe(false);
    expect(grant.canPublish('incident/+/opened')).toBe(false);
  });

  test.each([
    { url: 'https://api.weather.example/v1/now', expected: true },
    { url: 'https://API.Weather.Example/v1', expected: true },
    { url: 'https://api.weather.example:443/v1', expected: true },
    { url: 'https://api.weather.example:8443/v1', expected: false },
    { url: 'http://api.weather.example/v1', expected: false },
    { url: 'wss://api.weather.example/v1', expected: false },
    { url: 'https://user:pw@api.weather.example/', expected: false },
    { url: 'https://api.weather.example.evil.example/', expected: false },
    { url: 'https://x.gov.example/', expected: true },
    { url: 'https://a.b.gov.example/', expected: true },
    { url: 'https://gov.example/', expected: false },
    { url: 'https://evilgov.example/', expected: false },
    { url: 'https://tiles.example.net:8443/z/1', expected: true },
    { url: 'https://tiles.example.net/z/1', expected: false },
    { url: 'not a url', expected: false },
  ])('fetch $url: $expected', ({ url, expected }) => {
    expect(grant.canFetch(url)).toBe(expected);
  });

  test('has a quota in bytes, routes, schedules and panels', () => {
    expect(grant.storageQuota).toBe(16 * 1024);
    expect(grant.routes).toEqual([{ method: 'GET', path: '/lamps/:id' }]);
    expect(grant.schedules).toEqual([{ name: 'night-dimming', everySeconds: 300 }]);
    expect(grant.panels).toEqual(['lamp-map']);
  });

  test('is immutable', () => {
    expect(Object.isFrozen(grant)).toBe(true);
    expect(Object.isFrozen(grant.routes)).toBe(true);
    expect(() => {
      (grant.routes as unknown[]).push({ method: 'POST', path: '/x' });
    }).toThrow();
    expect(() => {
      (grant as { storageQuota: number }).storageQuota = 1e9;
    }).toThrow();
  });

  test('gives storage its default quota of 1024 KiB when none is named', () => {
    expect(grantOf({ capability: 'storage' }).storageQuota).toBe(1024 * 1024);
  });

  test('grants nothing without permissions', () => {
    const none = grantFromManifest({ id: ID });
    expect(none.canReadPoint('a/b/c')).toBe(false);
    expect(none.canFetch('https://example.org/')).toBe(false);
    expect(none.storageQuota).toBe(0);
    expect(apiShape(none)).toEqual({
      telemetry: false,
      commands: false,
      events: false,
      storage: false,
      fetch: false,
      log: true,
      now: true,
    });
  });

  test('shapes the plugin API from what was granted', () => {
    expect(apiShape(grant)).toEqual({
      telemetry: true,
      commands: true,
      events: true,
      storage: true,
      fetch: true,
      log: true,
      now: true,
    });
  });

  test('refuses a manifest with malformed permissions, naming every faulty path', () => {
    const paths = issuesOf(() =>
      grantFromManifest({
        id: ID,
        permissions: [
          { capability: 'telemetry:read', points: ['a/#/b', 'ok/+/p'] },
          { capability: 'command:write', points: ['a/b/c'], rate: { count: 0, perSeconds: 1 } },
          {
            capability: 'net:fetch',
            hosts: ['https://x.example/path', 'localhost', '127.0.0.1', '10.1.2.3:443'],
          },
          {
            capability: 'http:route',
            routes: [{ method: 'TRACE', path: '/x' } as never, { method: 'GET', path: '/../x' }],
          },
          { capability: 'storage', quotaKiB: 1e9 },
          { capability: 'teleport' } as never,
          'not an object' as never,
        ],
      }),
    );
    expect(paths).toEqual([
      '/permissions/0/points/0',
      '/permissions/1/rate',
      '/permissions/2/hosts/0',
      '/permissions/2/hosts/1',
      '/permissions/2/hosts/2',
      '/permissions/2/hosts/3',
      '/permissions/3/routes/0/method',
      '/permissions/3/routes/1/path',
      '/permissions/4/quotaKiB',
      '/permissions/5/capability',
      '/permissions/6',
    ]);
  });

  test('refuses an id that is not reverse-DNS', () => {
    for (const id of ['', 'lighting', '../x', 'City.Hengyang', 'a/b.c']) {
      expect(issuesOf(() => grantFromManifest({ id, permissions: [] }))).toEqual(['/id']);
    }
  });

  test('never fetches private or loopback addresses, even under a wildcard', () => {
    const wide = grantOf({ capability: 'net:fetch', hosts: ['*.example.org'] });
    for (const url of [
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://localhost/',
      'https://192.168.1.1/',
    ]) {
      expect(wide.canFetch(url)).toBe(false);
    }
  });
});
