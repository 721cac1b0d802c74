import type { TestSite } from '@heng/sdk/testing';
import { describe, expect, test } from 'vitest';
import manifest from '../heng.plugin.json' with { type: 'json' };
import { COMMANDS_PER_ROUND } from './dimming.ts';
import { advanceMinutes, feedLamp, PLUGIN_ID, useSite } from './site.fixture.ts';

const requestedBy = { kind: 'plugin', id: PLUGIN_ID };
const dimTo = (
  device: string,
  value: number,
  from: string,
  reports: number,
  site = 'test-site',
) => ({
  site,
  device,
  point: 'dimming',
  value,
  reason: `Dimming plan: ${value}% from ${from} local time (lamp reports ${reports}%)`,
  requestedBy,
});
const withoutIds = (site: TestSite) => site.commands.map(({ id: _id, ...command }) => command);
const denials = (site: TestSite) =>
  site.audit.filter((e) => e.action === 'commands.send' && e.outcome === 'denied');

describe('street lighting: dimming to the plan', () => {
  const start = useSite();

  test('dims each lamp once when the plan crosses a boundary, and not while it catches up', async () => {
    const s = await start();
    await feedLamp(s, 'lamp-1', { level: 0 });
    await feedLamp(s, 'lamp-2', { level: 0 });
    await advanceMinutes(s, 1); // 17:59:30: the 06:00 step (0 %) holds, lamps are at it
    expect(s.commands).toEqual([]);
    await advanceMinutes(s, 1); // 18:00:30
    expect(withoutIds(s)).toEqual([
      dimTo('lamp-1', 100, '18:00', 0),
      dimTo('lamp-2', 100, '18:00', 0),
    ]);
    await feedLamp(s, 'lamp-1', { level: 100 });
    await advanceMinutes(s, 4); // 18:04:30: lamp-2 has not followed, but it was asked 4 min ago
    expect(s.commands).toHaveLength(2);
    await advanceMinutes(s, 1); // 18:05:30: five minutes on, lamp-2 is asked again
    expect(withoutIds(s).slice(2)).toEqual([dimTo('lamp-2', 100, '18:00', 0)]);
    await feedLamp(s, 'lamp-2', { level: 100 });
    await advanceMinutes(s, 295); // 23:00:30
    expect(withoutIds(s).slice(3)).toEqual([
      dimTo('lamp-1', 50, '23:00', 100),
      dimTo('lamp-2', 50, '23:00', 100),
    ]);
    expect(s.status().state).toBe('active');
  });

  test('counts a level within half a percent as reached', async () => {
    const s = await start();
    await feedLamp(s, 'lamp-1', { level: 0.4 });
    await advanceMinutes(s, 1); // 17:59:30: the plan says 0 %
    await feedLamp(s, 'lamp-1', { level: 99.6 });
    await advanceMinutes(s, 1); // 18:00:30: the plan says 100 %
    expect(s.commands).toEqual([]);
  });

  test('watches lamps without a dimming reading but never commands them', async () => {
    const s = await start();
    await feedLamp(s, 'lamp-1', { powerW: 0, fault: false });
    await advanceMinutes(s, 2);
    expect(s.commands).toEqual([]);
    expect((await s.request('GET', '/status')).json()).toMatchObject({ lamps: { total: 1 } });
  });

  test('dims only the lamps its controlPoints name', async () => {
    const s = await start({ config: { controlPoints: ['site-a/+/dimming'] } });
    await feedLamp(s, 'lamp-1', { level: 0, site: 'site-a' });
    await feedLamp(s, 'lamp-1', { level: 0, site: 'site-b' });
    await advanceMinutes(s, 2);
    expect(withoutIds(s)).toEqual([dimTo('lamp-1', 100, '18:00', 0, 'site-a')]);
  });

  test('keeps its round budget in step with the rate it asks for', () => {
    const grant = manifest.permissions.find((p) => p.capability === 'command:write');
    expect(grant?.rate).toEqual({ count: COMMANDS_PER_ROUND, perSeconds: 60 });
  });

  test('sends at most the granted rate per site in a round; the other lamps follow next round', async () => {
    const s = await start();
    for (let i = 1; i <= 35; i++)
      await feedLamp(s, `lamp-${String(i).padStart(2, '0')}`, { level: 0 });
    await feedLamp(s, 'lamp-01', { level: 0, site: 'site-b' });
    await advanceMinutes(s, 2);
    const first = withoutIds(s);
    expect(first.filter((c) => c.site === 'test-site')).toHaveLength(30);
    expect(first.filter((c) => c.site === 'site-b')).toHaveLength(1);
    await advanceMinutes(s, 1);
    expect(
      withoutIds(s)
        .slice(31)
        .map((c) => c.device),
    ).toEqual(['lamp-31', 'lamp-32', 'lamp-33', 'lamp-34', 'lamp-35']);
    expect(denials(s)).toEqual([]);
  });

  test('stops a site’s round when the host refuses a command over the rate, and goes on next round', async () => {
    const s = await start({
      manifest: (m) => {
        const grant = m.permissions.find((p) => p.capability === 'command:write')!;
        grant.rate = { count: 2, perSeconds: 60 };
        return m;
      },
    });
    for (const device of ['lamp-1', 'lamp-2', 'lamp-3', 'lamp-4'])
      await feedLamp(s, device, { level: 0 });
    await advanceMinutes(s, 2);
    expect(s.commands.map((c) => c.device)).toEqual(['lamp-1', 'lamp-2']);
    expect(denials(s)).toEqual([
      expect.objectContaining({
        target: 'test-site/lamp-3/dimming',
        reason: expect.stringContaining('exceeded 2 commands per 60 s'),
      }),
    ]);
    expect(s.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('command rate reached at test-site'),
      }),
    );
    expect(s.status().state).toBe('active');
    await advanceMinutes(s, 1);
    expect(s.commands.map((c) => c.device)).toEqual(['lamp-1', 'lamp-2', 'lamp-3', 'lamp-4']);
  });

  test('a command outside its grant is refused and audited, and not retried every minute', async () => {
    const s = await start({
      manifest: (m) => {
        m.permissions.find((p) => p.capability === 'command:write')!.points = [
          'test-site/+/dimming',
        ];
        return m;
      },
    });
    await feedLamp(s, 'lamp-1', { level: 0 });
    await feedLamp(s, 'lamp-9', { level: 0, site: 'other-site' });
    await advanceMinutes(s, 2);
    expect(s.commands.map((c) => `${c.site}/${c.device}`)).toEqual(['test-site/lamp-1']);
    expect(denials(s)).toEqual([
      expect.objectContaining({
        actor: `plugin:${PLUGIN_ID}`,
        target: 'other-site/lamp-9/dimming',
        reason: `commands.send: plugin ${PLUGIN_ID} may not command point 'other-site/lamp-9/dimming'`,
      }),
    ]);
    expect(await s.storage.get('lamp/other-site/lamp-9')).toMatchObject({
      commanded: { level: 100, at: '2026-01-01T10:00:30.000Z', refused: 'permission_denied' },
    });
    await advanceMinutes(s, 3);
    expect(denials(s)).toHaveLength(1);
    await advanceMinutes(s, 2); // five minutes after the refusal it is tried once more
    expect(denials(s)).toHaveLength(2);
    expect(s.status().state).toBe('active');
  });
});
