import type { TestSite } from '@heng/sdk/testing';
import { describe, expect, test } from 'vitest';
import { advanceMinutes, feedLamp, PLUGIN_ID, useSite } from './site.fixture.ts';

const eventsOf = (site: TestSite) =>
  site.events.map(({ topic, level, title, payload, dataClass, source }) => ({
    topic,
    level,
    title,
    payload,
    dataClass,
    source,
  }));

describe('street lighting: faults and energy', () => {
  const start = useSite();

  test('raises one fault event per fault at the configured level, and one when it clears', async () => {
    const s = await start({ config: { faultLevel: 2 } });
    const source = `plugin:${PLUGIN_ID}`;
    await feedLamp(s, 'lamp-1', { fault: false });
    await feedLamp(s, 'lamp-1', { fault: true, ts: '2026-01-01T09:58:40.000Z' });
    await feedLamp(s, 'lamp-1', { fault: true });
    await s.feed({ device: 'lamp-1', point: 'lamp-fault', value: 1 });
    await s.feed({
      device: 'lamp-1',
      point: 'lamp-fault',
      value: 0,
      ts: '2026-01-01T10:30:00.000Z',
    });
    await feedLamp(s, 'lamp-1', { fault: false });
    expect(eventsOf(s)).toEqual([
      {
        topic: 'lighting/fault/test-site/lamp-1',
        level: 2,
        title: 'Lamp lamp-1 at test-site has failed',
        payload: { site: 'test-site', device: 'lamp-1', since: '2026-01-01T09:58:40.000Z' },
        dataClass: 'internal',
        source,
      },
      {
        topic: 'lighting/fault-cleared/test-site/lamp-1',
        level: undefined,
        title: 'Lamp lamp-1 at test-site works again',
        payload: {
          site: 'test-site',
          device: 'lamp-1',
          since: '2026-01-01T09:58:40.000Z',
          clearedAt: '2026-01-01T10:30:00.000Z',
        },
        dataClass: 'internal',
        source,
      },
    ]);
  });

  test('ignores readings of bad quality and values of the wrong type', async () => {
    const s = await start();
    await s.feed({ device: 'lamp-1', point: 'lamp-fault', value: true, quality: 'bad' });
    await s.feed({ device: 'lamp-1', point: 'power', value: 'high' });
    expect(s.events).toEqual([]);
    expect(await s.storage.get('lamp/test-site/lamp-1')).toBeUndefined();
  });

  test('integrates power over time into energy per lamp and per site, skipping long gaps', async () => {
    const s = await start();
    const at = (time: string) => `2026-01-01T${time}.000Z`;
    await feedLamp(s, 'lamp-1', { powerW: 120, ts: at('10:00:00') });
    await feedLamp(s, 'lamp-1', { powerW: 60, ts: at('10:00:30') }); // 120 W × 30 s = 1 Wh
    await feedLamp(s, 'lamp-2', { powerW: 60, ts: at('10:00:00') });
    await feedLamp(s, 'lamp-2', { powerW: 60, ts: at('10:02:00') }); // 60 W × 2 min = 2 Wh
    await feedLamp(s, 'lamp-1', { powerW: 90, ts: at('11:00:30') }); // 60 W × 15 min (gap capped) = 15 Wh
    await feedLamp(s, 'lamp-1', { powerW: 500, ts: at('10:59:00') }); // older than the last: ignored
    expect(await s.storage.get('lamp/test-site/lamp-1')).toEqual({
      site: 'test-site',
      device: 'lamp-1',
      fault: false,
      powerW: 90,
      powerAt: at('11:00:30'),
      energyWh: 16,
      lastSeen: at('11:00:30'),
    });
    expect(await s.storage.get('energy/test-site')).toEqual({
      site: 'test-site',
      day: '2026-01-01',
      todayWh: 18,
      totalWh: 18,
    });
  });

  test('starts a new energy day at local midnight and keeps the day before', async () => {
    const s = await start();
    // Local midnight in UTC+8 is 16:00 UTC.
    await feedLamp(s, 'lamp-1', { powerW: 120, ts: '2026-01-01T15:59:00.000Z' });
    await feedLamp(s, 'lamp-1', { powerW: 120, ts: '2026-01-01T15:59:30.000Z' });
    await feedLamp(s, 'lamp-1', { powerW: 120, ts: '2026-01-01T16:00:30.000Z' });
    expect(await s.storage.get('energy/test-site')).toEqual({
      site: 'test-site',
      day: '2026-01-02',
      todayWh: 2,
      previous: { day: '2026-01-01', wh: 1 },
      totalWh: 3,
    });
  });

  test('publishes each site’s energy once per interval, on the interval’s boundary', async () => {
    const s = await start({ config: { energyReportMinutes: 60 } });
    await feedLamp(s, 'lamp-1', {
      powerW: 120,
      level: 0,
      fault: false,
      ts: '2026-01-01T09:58:00.000Z',
    });
    await feedLamp(s, 'lamp-1', { powerW: 120, ts: '2026-01-01T09:58:30.000Z' });
    await feedLamp(s, 'lamp-7', { powerW: 0, fault: true, site: 'site-b' });
    s.events.length = 0;
    await advanceMinutes(s, 1); // 17:59:30 local: the first round only starts counting
    expect(s.events).toEqual([]);
    await advanceMinutes(s, 1); // 18:00:30: a new hour
    expect(eventsOf(s)).toEqual([
      {
        topic: 'lighting/energy/site-b',
        level: undefined,
        title: 'Street lighting at site-b: 0 Wh today',
        payload: {
          site: 'site-b',
          day: '2026-01-01',
          todayWh: 0,
          totalWh: 0,
          lamps: 1,
          faulty: 1,
          at: '2026-01-01T10:00:30.000Z',
        },
        dataClass: 'public',
        source: `plugin:${PLUGIN_ID}`,
      },
      {
        topic: 'lighting/energy/test-site',
        level: undefined,
        title: 'Street lighting at test-site: 1 Wh today',
        payload: {
          site: 'test-site',
          day: '2026-01-01',
          todayWh: 1,
          totalWh: 1,
          lamps: 1,
          faulty: 0,
          at: '2026-01-01T10:00:30.000Z',
        },
        dataClass: 'public',
        source: `plugin:${PLUGIN_ID}`,
      },
    ]);
    await advanceMinutes(s, 59); // 18:59:30
    expect(s.events.filter((e) => e.topic.startsWith('lighting/energy/'))).toHaveLength(2);
  });
});
