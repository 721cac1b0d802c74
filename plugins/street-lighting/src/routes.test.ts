import { describe, expect, test } from 'vitest';
import { advanceMinutes, feedLamp, useSite } from './site.fixture.ts';

describe('street lighting: HTTP routes', () => {
  const start = useSite();

  test('GET /status sums up lamps, faults, the plan level and today’s energy', async () => {
    const s = await start();
    await feedLamp(s, 'lamp-1', {
      level: 100,
      powerW: 120,
      fault: false,
      ts: '2026-01-01T10:00:00.000Z',
    });
    await feedLamp(s, 'lamp-1', { powerW: 120, ts: '2026-01-01T10:00:30.000Z' });
    await feedLamp(s, 'lamp-2', { level: 0, fault: true, ts: '2026-01-01T10:00:10.000Z' });
    await advanceMinutes(s, 2); // 18:00:30 local, the plan says 100 %
    const res = await s.request('GET', '/status');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({
      time: '2026-01-01T10:00:30.000Z',
      localTime: '18:00',
      day: '2026-01-01',
      planLevel: 100,
      lamps: { total: 2, atPlanLevel: 1, faulty: 1 },
      faults: [{ site: 'test-site', device: 'lamp-2', since: '2026-01-01T10:00:10.000Z' }],
      energyTodayWh: 1,
      sites: [{ site: 'test-site', lamps: 2, faulty: 1, energyTodayWh: 1, energyTotalWh: 1 }],
    });
  });

  test('GET /lamps/:device shows one lamp, asks for ?site= when the id is at several sites', async () => {
    const s = await start({ config: { controlPoints: ['test-site/+/dimming'] } });
    await feedLamp(s, 'lamp-1', { level: 0, powerW: 0, fault: false });
    await feedLamp(s, 'lamp-1', { level: 30, site: 'site-b' });
    await advanceMinutes(s, 2);
    const one = await s.request('GET', '/lamps/lamp-1?site=test-site');
    expect(one.status).toBe(200);
    expect(one.json()).toEqual({
      site: 'test-site',
      device: 'lamp-1',
      level: 0,
      planLevel: 100,
      controlled: true,
      fault: false,
      faultSince: null,
      powerW: 0,
      energyWh: 0,
      lastSeen: '2026-01-01T09:58:30.000Z',
      commanded: { level: 100, at: '2026-01-01T10:00:30.000Z', id: 'cmd-1' },
    });
    const other = await s.request('GET', '/lamps/lamp-1?site=site-b');
    expect(other.json()).toMatchObject({
      site: 'site-b',
      level: 30,
      controlled: false,
      commanded: null,
    });
    const both = await s.request('GET', '/lamps/lamp-1');
    expect(both.status).toBe(409);
    expect(both.json()).toMatchObject({ sites: ['site-b', 'test-site'] });
    const none = await s.request('GET', '/lamps/lamp-9');
    expect(none.status).toBe(404);
    expect(none.json()).toEqual({ error: 'no lamp lamp-9 is known' });
  });

  test('serves only its granted routes', async () => {
    const s = await start();
    expect((await s.request('GET', '/lamps')).status).toBe(404);
    expect((await s.request('POST', '/status')).status).toBe(405);
  });

  test('falls back to the default plan and offset when the config leaves them out', async () => {
    const s = await start({ config: { plan: undefined, utcOffsetMinutes: undefined } });
    // 17:58:30 local with the default plan (18:00 → 100 %): still 0 % from 06:30.
    expect((await s.request('GET', '/status')).json()).toMatchObject({
      localTime: '17:58',
      planLevel: 0,
    });
  });
});
