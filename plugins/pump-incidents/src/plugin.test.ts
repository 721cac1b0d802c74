import type { TestSite } from '@heng/sdk/testing';
import { describe, expect, test } from 'vitest';
import { advanceMinutes, incidentEvents, PLUGIN_ID, raiseAlarm, useHub } from './site.fixture.ts';

const withoutIds = (hub: TestSite) => hub.commands.map(({ id: _id, ...command }) => command);
const topics = (hub: TestSite) => incidentEvents(hub).map((e) => e.topic);

describe('pump incidents: a high-water alarm', () => {
  const start = useHub();

  test('opens one incident for the site, announces it at level 2 and starts the standby pump', async () => {
    const hub = await start();
    await raiseAlarm(hub, 'pumping-01', {}, { id: 'alarm-1', ts: '2026-06-01T01:59:58.000Z' });
    const incident = 'pumping-01:alarm-1';
    expect(withoutIds(hub)).toEqual([
      {
        site: 'pumping-01',
        device: 'pump-01',
        point: 'pump-2-start',
        value: true,
        reason: `Flooding incident ${incident}: high-water alarm at pumping-01 (water level 4.25 m); starting the standby pump`,
        requestedBy: { kind: 'plugin', id: PLUGIN_ID },
      },
    ]);
    expect(incidentEvents(hub)).toEqual([
      expect.objectContaining({
        topic: 'incident/flooding/opened',
        level: 2,
        title: 'Flooding risk at pumping-01: wet-well level 4.25 m (setpoint 3.5 m)',
        dataClass: 'internal',
        payload: {
          incident,
          site: 'pumping-01',
          device: 'pump-01',
          waterLevel: 4.25,
          setpoint: 3.5,
          openedAt: '2026-06-01T02:00:00.000Z',
          alarm: 'alarm-1',
          raisedAt: '2026-06-01T01:59:58.000Z',
          standbyPoint: 'pumping-01/pump-01/pump-2-start',
        },
      }),
    ]);
    expect(await hub.storage.get('open/pumping-01')).toMatchObject({
      id: incident,
      alarms: 1,
      announced: incidentEvents(hub)[0]?.id,
      standby: {
        point: 'pumping-01/pump-01/pump-2-start',
        sent: { id: hub.commands[0]?.id, at: '2026-06-01T02:00:00.000Z' },
      },
    });
    expect(hub.status().state).toBe('active');
  });

  test('a repeat alarm while the incident is open sends no second command and opens nothing', async () => {
    const hub = await start();
    await raiseAlarm(hub, 'pumping-01', { waterLevel: 3.8 });
    await advanceMinutes(hub, 3);
    await raiseAlarm(hub, 'pumping-01', { waterLevel: 4.6 });
    await advanceMinutes(hub, 1);
    expect(hub.commands).toHaveLength(1);
    expect(topics(hub)).toEqual(['incident/flooding/opened']);
    expect(await hub.storage.get('open/pumping-01')).toMatchObject({
      alarms: 2,
      waterLevel: 4.6,
      lastAlarmAt: '2026-06-01T02:03:00.000Z',
    });
  });

  test('opens one incident per site, each with its own pump start', async () => {
    const hub = await start();
    await raiseAlarm(hub, 'pumping-01');
    await raiseAlarm(hub, 'pumping-02', { device: 'psc-7' });
    expect(hub.commands.map((c) => `${c.site}/${c.device}/${c.point}`)).toEqual([
      'pumping-01/pump-01/pump-2-start',
      'pumping-02/psc-7/pump-2-start',
    ]);
    expect(incidentEvents(hub).map((e) => e.payload['site'])).toEqual(['pumping-01', 'pumping-02']);
  });

  test('starts the pump the settings name as standby', async () => {
    const hub = await start({ config: { standbyPoint: 'pump-1-start' } });
    await raiseAlarm(hub, 'pumping-01');
    expect(withoutIds(hub)).toEqual([
      expect.objectContaining({ point: 'pump-1-start', value: true }),
    ]);
  });

  test('an alarm that names no device opens the incident but commands nothing', async () => {
    const hub = await start();
    await hub.publish('pump/high-level', { waterLevel: 4 }, { site: 'pumping-01', level: 2 });
    expect(hub.commands).toEqual([]);
    expect(topics(hub)).toEqual(['incident/flooding/opened']);
    expect(hub.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('no device') }),
    );
  });

  test('an alarm without a site is logged and ignored', async () => {
    const hub = await start();
    await raiseAlarm(hub, 'pumping-01', {}, { noSite: true, id: 'alarm-x' });
    expect(hub.commands).toEqual([]);
    expect(incidentEvents(hub)).toEqual([]);
    expect(hub.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('event alarm-x on pump/high-level names no site'),
      }),
    );
    expect(hub.status().state).toBe('active');
  });
});
