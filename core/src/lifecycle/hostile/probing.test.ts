import { describe, expect, test } from 'vitest';
import { OBSERVATIONS } from './observations.ts';
import { HOSTILE, hostileSuite } from './suite.ts';
import { START } from './world.ts';

const suite = hostileSuite();
const hostile: typeof suite.hostile = (bundle, more) => suite.hostile(bundle, more);
const reply: typeof suite.reply = (query) => suite.reply(query);

describe('a plugin that probes and tampers', () => {
  test.each(OBSERVATIONS)('$name', async ({ bundle, permissions, limits, query, expected }) => {
    const configSchema = { type: 'object', properties: { label: { type: 'string' } } };
    await suite.world.start(
      hostile(bundle, { permissions, limits, configSchema, config: { label: 'kept' } }),
    );
    expect(await reply(query)).toEqual({ value: expected });
    expect(suite.world.host.status(HOSTILE).state).toBe('active');
  });
});

describe('a plugin that abuses what it was given', () => {
  test('spams heng.log: capped at 120 lines a minute, long lines cut, drops reported', async () => {
    const bundle = `export default { onRequest(req, { heng }) {
      if (req.query.once) { heng.log.warn('again'); return 'once' }
      heng.log.info('x'.repeat(5000));
      for (let i = 0; i < 300; i++) heng.log.info('line ' + i);
      return 'spammed';
    } };`;
    await suite.world.start(hostile(bundle, { limits: { callTimeoutMs: 1000 } }));
    expect(await reply()).toEqual({ value: 'spammed' });
    expect(suite.world.logs).toHaveLength(120);
    expect(suite.world.logs[0]?.msg).toBe(`${'x'.repeat(2000)}… [3000 characters cut]`);
    expect(suite.world.logs.at(-1)?.msg).toBe('line 118');
    await suite.world.clock.advance(60_000);
    expect(await reply({ once: '1' })).toEqual({ value: 'once' });
    expect(suite.world.logs.slice(120)).toMatchObject([
      { level: 'warn', msg: '181 log lines dropped: over 120 per minute' },
      { level: 'warn', msg: 'again' },
    ]);
  });

  test('mutates the reading it is handed: the host and the other plugins see the original', async () => {
    const bundle = `export default { onTelemetry(r) { r.value = 999; r.site = 'x'; Object.prototype.polluted = true } };`;
    await suite.world.start(
      hostile(bundle, {
        permissions: [{ capability: 'telemetry:read', points: ['site-1/+/temp'] }],
      }),
    );
    const reading = {
      site: 'site-1',
      device: 'ahu-1',
      point: 'temp',
      value: 19,
      quality: 'good' as const,
      ts: new Date(START).toISOString(),
    };
    await suite.world.host.deliverTelemetry(reading);
    expect(reading.value).toBe(19);
    expect(suite.world.backing.get('plugin/com.example.good/last')).toBe('19');
  });

  test('faults every time it starts: restarted after 1, 2, 4 and 8 s, then failed', async () => {
    await suite.world.start(
      hostile("export default { activate() { throw new Error('always') } };"),
    );
    const delays: number[] = [];
    for (let fault = 1; fault < 5; fault++) {
      const status = suite.world.host.status(HOSTILE);
      expect(status).toMatchObject({ state: 'quarantined', faults: fault });
      delays.push(status.restartAt! - suite.world.clock.now());
      await suite.world.clock.advance(status.restartAt! - suite.world.clock.now());
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    const status = suite.world.host.status(HOSTILE);
    expect(status).toMatchObject({
      state: 'failed',
      faults: 5,
      lastError: { code: 'plugin_crashed' },
    });
    expect(status.restartAt).toBeUndefined();
    await suite.world.clock.advance(3_600_000);
    expect(suite.world.host.status(HOSTILE).state).toBe('failed');
  });
});
