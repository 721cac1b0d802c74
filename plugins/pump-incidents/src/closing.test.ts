import type { TestSite } from '@heng/sdk/testing';
import { describe, expect, test } from 'vitest';
import { advanceMinutes, incidentEvents, PLUGIN_ID, raiseAlarm, useHub } from './site.fixture.ts';

const topics = (hub: TestSite) => incidentEvents(hub).map((e) => e.topic);
const denials = (hub: TestSite) =>
  hub.audit.filter((e) => e.action === 'commands.send' && e.outcome === 'denied');

describe('pump incidents: closing', () => {
  const start = useHub();

  test('closes the incident once the site has had no alarm for closeAfterMinutes', async () => {
    const hub = await start();
    await raiseAlarm(hub, 'pumping-01', {}, { id: 'alarm-1' });
    await advanceMinutes(hub, 20);
    await raiseAlarm(hub, 'pumping-01'); // 02:20: the quiet time starts again
    await advanceMinutes(hub, 29); // 02:49
    expect(topics(hub)).toEqual(['incident/flooding/opened']);
    await advanceMinutes(hub, 1); // 02:50: thirty quiet minutes
    expect(topics(hub)).toEqual(['incident/flooding/opened', 'incident/flooding/closed']);
    expect(incidentEvents(hub)[1]).toMatchObject({
      level: 2,
      title: 'Flooding incident at pumping-01 closed: no high-water alarm for 30 minutes',
      payload: {
        incident: 'pumping-01:alarm-1',
        site: 'pumping-01',
        openedAt: '2026-06-01T02:00:00.000Z',
        closedAt: '2026-06-01T02:50:00.000Z',
        lastAlarmAt: '2026-06-01T02:20:00.000Z',
        alarms: 2,
        quietMinutes: 30,
      },
    });
    expect(await hub.storage.get('open/pumping-01')).toBeUndefined();
    expect(await hub.storage.get('closed/pumping-01')).toMatchObject({
      id: 'pumping-01:alarm-1',
      closedAt: '2026-06-01T02:50:00.000Z',
    });
    await advanceMinutes(hub, 30);
    expect(topics(hub)).toHaveLength(2);
  });

  test('an alarm after the close opens a new incident and starts the pump again', async () => {
    const hub = await start({ config: { closeAfterMinutes: 5 } });
    await raiseAlarm(hub, 'pumping-01', {}, { id: 'alarm-1' });
    await advanceMinutes(hub, 6);
    await raiseAlarm(hub, 'pumping-01', {}, { id: 'alarm-2' });
    expect(topics(hub)).toEqual([
      'incident/flooding/opened',
      'incident/flooding/closed',
      'incident/flooding/opened',
    ]);
    expect(incidentEvents(hub)[2]?.payload['incident']).toBe('pumping-01:alarm-2');
    expect(hub.commands).toHaveLength(2);
  });

  test('closes each site on its own quiet time', async () => {
    const hub = await start({ config: { closeAfterMinutes: 10 } });
    await raiseAlarm(hub, 'pumping-01');
    await advanceMinutes(hub, 5);
    await raiseAlarm(hub, 'pumping-02');
    await advanceMinutes(hub, 5);
    expect(incidentEvents(hub).map((e) => `${e.topic} ${e.payload['site']}`)).toEqual([
      'incident/flooding/opened pumping-01',
      'incident/flooding/opened pumping-02',
      'incident/flooding/closed pumping-01',
    ]);
  });
});

describe('pump incidents: refusals by the host', () => {
  const start = useHub();

  test('a start outside the grant is refused, audited, remembered and not retried', async () => {
    const hub = await start({
      manifest: (m) => {
        m.permissions.find((p) => p.capability === 'command:write')!.points = [
          'pumping-01/+/pump-2-start',
        ];
        return m;
      },
    });
    await raiseAlarm(hub, 'pumping-09');
    expect(hub.commands).toEqual([]);
    expect(denials(hub)).toEqual([
      expect.objectContaining({
        actor: `plugin:${PLUGIN_ID}`,
        target: 'pumping-09/pump-01/pump-2-start',
      }),
    ]);
    expect(await hub.storage.get('open/pumping-09')).toMatchObject({
      standby: { refused: { code: 'permission_denied', at: '2026-06-01T02:00:00.000Z' } },
    });
    expect(topics(hub)).toEqual(['incident/flooding/opened']);
    await advanceMinutes(hub, 3);
    expect(denials(hub)).toHaveLength(1);
    expect(hub.status().state).toBe('active');
  });

  test('a start over the rate waits for the next rounds until the host allows it', async () => {
    const hub = await start({
      config: { closeAfterMinutes: 5 },
      manifest: (m) => {
        m.permissions.find((p) => p.capability === 'command:write')!.rate = {
          count: 1,
          perSeconds: 600,
        };
        return m;
      },
    });
    await raiseAlarm(hub, 'pumping-01', {}, { id: 'alarm-1' });
    await advanceMinutes(hub, 6); // closed at 02:05
    await raiseAlarm(hub, 'pumping-01', {}, { id: 'alarm-2' }); // 02:06: the bucket is not full
    expect(hub.commands).toHaveLength(1);
    expect(denials(hub)).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('exceeded 1 commands per 600 s') }),
    ]);
    await advanceMinutes(hub, 4);
    await raiseAlarm(hub, 'pumping-01'); // 02:10: still flooding, so the incident stays open
    await advanceMinutes(hub, 1); // 02:11: ten minutes after the first start, the round sends it
    expect(hub.commands).toHaveLength(2);
    expect(await hub.storage.get('open/pumping-01')).toMatchObject({
      id: 'pumping-01:alarm-2',
      standby: { sent: { id: hub.commands[1]?.id, at: '2026-06-01T02:11:00.000Z' } },
    });
  });
});
