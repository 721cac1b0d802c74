import { HengError, PermissionDeniedError, RateLimitedError } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import type { HengEvent } from '../bus/types.ts';
import { brokerFixture, failure, FIXTURE_PLUGIN_ID as ID } from './broker-fixture.ts';

const reading = {
  site: 'lighting-01',
  device: 'lamp-7',
  point: 'dimming',
  value: 40,
  quality: 'good' as const,
  ts: '2026-03-01T08:30:00Z',
};

describe('Broker: telemetry.latest', () => {
  test('returns the latest reading of a granted point, as a copy', async () => {
    const f = brokerFixture([{ capability: 'telemetry:read', points: ['lighting-01/+/dimming'] }]);
    f.readings.set('lighting-01/lamp-7/dimming', reading);
    const got = await f.call('telemetry.latest', 'lighting-01/lamp-7/dimming');
    expect(got).toEqual(reading);
    expect(got).not.toBe(reading);
    expect(await f.call('telemetry.latest', 'lighting-01/lamp-8/dimming')).toBeUndefined();
  });

  test('refuses a point outside the grant, naming the op and the point', async () => {
    const f = brokerFixture([{ capability: 'telemetry:read', points: ['lighting-01/+/dimming'] }]);
    const err = await failure(() => f.call('telemetry.latest', 'pumping-02/pump-1/run'));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.message).toContain('telemetry.latest');
    expect(err.message).toContain("'pumping-02/pump-1/run'");
  });
});

describe('Broker: commands.send', () => {
  const permissions = [
    {
      capability: 'command:write' as const,
      points: ['+/+/dimming'],
      rate: { count: 2, perSeconds: 60 },
    },
  ];

  test('sends the command with site, device, point, reason and the plugin as requester', async () => {
    const f = brokerFixture(permissions);
    const receipt = await f.call('commands.send', {
      point: 'lighting-01/lamp-7/dimming',
      value: 30,
      reason: 'Night dimming schedule',
    });
    expect(receipt).toEqual({ id: 'cmd-1', status: 'pending' });
    expect(f.commands).toEqual([
      {
        site: 'lighting-01',
        device: 'lamp-7',
        point: 'dimming',
        value: 30,
        reason: 'Night dimming schedule',
        requestedBy: { kind: 'plugin', id: ID },
      },
    ]);
  });

  test('refuses a command without a reason, with a blank one, or one over 500 characters', async () => {
    const f = brokerFixture(permissions);
    for (const reason of [undefined, '', '   ', 'x'.repeat(501), 42]) {
      const err = await failure(() =>
        f.call('commands.send', { point: 'lighting-01/lamp-7/dimming', value: 1, reason }),
      );
      expect(err.code).toBe('invalid_input');
    }
    expect(f.commands).toEqual([]);
  });

  test('refuses values that are not a boolean, a finite number or a short string', async () => {
    const f = brokerFixture(permissions);
    for (const value of [
      undefined,
      null,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      {},
      [1],
      'x'.repeat(1025),
    ]) {
      const err = await failure(() =>
        f.call('commands.send', { point: 'lighting-01/lamp-7/dimming', value, reason: 'r' }),
      );
      expect(err.code).toBe('invalid_input');
    }
  });

  test('refuses a point outside the grant, naming the point', async () => {
    const f = brokerFixture(permissions);
    const err = await failure(() =>
      f.call('commands.send', { point: 'pumping-02/pump-1/run', value: true, reason: 'r' }),
    );
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.message).toContain("'pumping-02/pump-1/run'");
  });

  test('refuses commands above the rate per site, and allows them again as time passes', async () => {
    const f = brokerFixture(permissions);
    const send = (site: string) =>
      f.call('commands.send', { point: `${site}/lamp-7/dimming`, value: 1, reason: 'r' });
    await send('lighting-01');
    await send('lighting-01');
    const err = await failure(() => send('lighting-01'));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.message).toContain("'lighting-01/lamp-7/dimming'");
    await send('lighting-02');
    f.clock.advance(30_000);
    await send('lighting-01');
    expect(f.commands).toHaveLength(4);
  });
});

describe('Broker: events.publish', () => {
  const permissions = [{ capability: 'events:publish' as const, topics: ['incident/+/opened'] }];

  test('publishes on the bus with an id, the plugin as source and the clock time', async () => {
    const f = brokerFixture(permissions);
    const seen: HengEvent[] = [];
    f.bus.subscribe('#', (e) => void seen.push(e as HengEvent));
    const { id } = (await f.call('events.publish', {
      topic: 'incident/flooding/opened',
      payload: { depthCm: 42 },
      level: 2,
      title: 'Water above 40 cm',
    })) as { id: string };
    await f.bus.idle();
    expect(seen).toEqual([
      {
        id,
        topic: 'incident/flooding/opened',
        source: `plugin:${ID}`,
        ts: '2026-03-01T08:30:00.000Z',
        payload: { depthCm: 42 },
        level: 2,
        title: 'Water above 40 cm',
        dataClass: 'internal',
      },
    ]);
  });

  test('refuses a topic outside the grant, and wildcard topics', async () => {
    const f = brokerFixture(permissions);
    const denied = await failure(() =>
      f.call('events.publish', { topic: 'incident/flooding/closed', payload: {} }),
    );
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied.message).toContain("'incident/flooding/closed'");
    const wildcard = await failure(() =>
      f.call('events.publish', { topic: 'incident/+/opened', payload: {} }),
    );
    expect(wildcard.code).toBe('invalid_input');
  });

  test('refuses payloads that are not objects or exceed 64 KiB, and unknown levels', async () => {
    const f = brokerFixture(permissions);
    const topic = 'incident/flooding/opened';
    for (const payload of [[1], 'text', 3]) {
      expect((await failure(() => f.call('events.publish', { topic, payload }))).code).toBe(
        'invalid_input',
      );
    }
    const big = { text: 'x'.repeat(64 * 1024) };
    expect((await failure(() => f.call('events.publish', { topic, payload: big }))).code).toBe(
      'invalid_input',
    );
    for (const level of [0, 5, 'critical', 1.5]) {
      expect(
        (await failure(() => f.call('events.publish', { topic, payload: {}, level }))).code,
      ).toBe('invalid_input');
    }
  });
});

describe('Broker: log and clock.now', () => {
  test('passes log lines on, cutting long messages and replacing oversized data', () => {
    const f = brokerFixture([], { maxLogMessageChars: 10, maxLogDataBytes: 20 });
    f.call('log', 'warn', 'short', { a: 1 });
    f.call('log', 'shout', 'x'.repeat(25));
    f.call('log', 'info', 'data', { big: 'y'.repeat(100) });
    expect(f.logs[0]).toEqual({ level: 'warn', msg: 'short', data: { a: 1 } });
    expect(f.logs[1]).toEqual({ level: 'info', msg: `${'x'.repeat(10)}… [15 characters cut]` });
    expect(f.logs[2]?.data).toEqual({ dropped: expect.stringContaining('at most 20 bytes') });
  });

  test('drops log lines over the per-minute cap and says how many it dropped', () => {
    const f = brokerFixture([], { logLinesPerMinute: 2 });
    for (let i = 0; i < 5; i++) f.call('log', 'info', `line ${i}`);
    expect(f.logs.map((l) => l.msg)).toEqual(['line 0', 'line 1']);
    f.clock.advance(60_000);
    f.call('log', 'info', 'later');
    expect(f.logs.slice(2)).toEqual([
      { level: 'warn', msg: '3 log lines dropped: over 2 per minute' },
      { level: 'info', msg: 'later' },
    ]);
  });

  test('never throws on any log arguments', () => {
    const f = brokerFixture([]);
    for (const args of [
      [],
      [null, null, null],
      [1, {}, () => 1],
      [
        'info',
        'x',
        {
          get y() {
            throw new Error('boom');
          },
        },
      ],
    ]) {
      expect(() => f.broker.bridge('log', args)).not.toThrow();
    }
    expect(() => f.broker.bridge('log', 'not an array' as never)).not.toThrow();
  });

  test('tells the time from the injected clock, within a per-minute cap', () => {
    const f = brokerFixture([], { clockCallsPerMinute: 2 });
    expect(f.call('clock.now')).toBe(f.clock.now());
    f.call('clock.now');
    expect(() => f.call('clock.now')).toThrow(RateLimitedError);
  });

  test('leaves log and clock.now out of the audit trail', () => {
    const f = brokerFixture([]);
    f.call('log', 'info', 'hello');
    f.call('clock.now');
    expect(f.audit).toEqual([]);
  });
});

describe('Broker: audit trail', () => {
  test('records every call: allowed with its target, denied and failed with the reason', async () => {
    const f = brokerFixture([{ capability: 'telemetry:read', points: ['lighting-01/#'] }]);
    f.readings.set('lighting-01/lamp-7/dimming', reading);
    await f.call('telemetry.latest', 'lighting-01/lamp-7/dimming');
    await failure(() => f.call('telemetry.latest', 'pumping-02/pump-1/run'));
    await failure(() => f.call('telemetry.latest', 42));
    await failure(() => f.call('teleport', 'me'));
    expect(f.audit).toEqual([
      {
        ts: '2026-03-01T08:30:00.000Z',
        actor: `plugin:${ID}`,
        action: 'telemetry.latest',
        target: 'lighting-01/lamp-7/dimming',
        outcome: 'allowed',
      },
      {
        ts: '2026-03-01T08:30:00.000Z',
        actor: `plugin:${ID}`,
        action: 'telemetry.latest',
        target: 'pumping-02/pump-1/run',
        outcome: 'denied',
        reason: expect.stringContaining('may not read point'),
      },
      expect.objectContaining({
        action: 'telemetry.latest',
        outcome: 'denied',
        reason: expect.stringContaining('must be a string'),
      }),
      expect.objectContaining({
        action: 'teleport',
        outcome: 'denied',
        reason: expect.stringContaining('unknown host operation'),
      }),
    ]);
  });

  test('records a port failure as an error, and hands the plugin no host details', async () => {
    const f = brokerFixture([{ capability: 'telemetry:read', points: ['#'] }]);
    f.readings.get = () => {
      throw new Error('disk full at /var/lib/heng');
    };
    const err = await failure(() => f.call('telemetry.latest', 'a/b/c'));
    expect(err).toBeInstanceOf(HengError);
    expect(err.code).toBe('internal');
    expect(err.message).not.toContain('/var/lib');
    expect(f.audit[0]).toMatchObject({
      outcome: 'error',
      reason: 'disk full at /var/lib/heng',
      target: 'a/b/c',
    });
  });

  test('notes the command id on an allowed command', async () => {
    const f = brokerFixture([
      { capability: 'command:write', points: ['#'], rate: { count: 9, perSeconds: 1 } },
    ]);
    await f.call('commands.send', { point: 'a/b/c', value: true, reason: 'test' });
    expect(f.audit[0]).toMatchObject({
      action: 'commands.send',
      outcome: 'allowed',
      reason: 'command cmd-1: pending',
    });
  });
});

describe('Broker: dispose', () => {
  test('refuses every call afterwards, and ends event subscriptions', async () => {
    const f = brokerFixture([
      { capability: 'events:subscribe', topics: ['lighting/#'] },
      { capability: 'storage' },
    ]);
    const seen: string[] = [];
    f.broker.subscribeEvents((e) => void seen.push(e.topic));
    const event = {
      id: 'e1',
      topic: 'lighting/lamp/failed',
      source: 'core',
      ts: 'x',
      payload: {},
      dataClass: 'public' as const,
    };
    f.bus.publish(event);
    await f.bus.idle();
    f.broker.dispose();
    f.bus.publish({ ...event, id: 'e2' });
    await f.bus.idle();
    expect(seen).toEqual(['lighting/lamp/failed']);
    expect(() => f.call('storage.get', 'k')).toThrow(HengError);
    expect(f.audit.at(-1)).toMatchObject({ action: 'storage.get', outcome: 'denied' });
  });

  test('delivers subscribed events once even when two patterns match', async () => {
    const f = brokerFixture([
      { capability: 'events:subscribe', topics: ['lighting/#', 'lighting/+/failed'] },
    ]);
    const seen: string[] = [];
    f.broker.subscribeEvents((e) => void seen.push(e.id));
    f.bus.publish({
      id: 'e1',
      topic: 'lighting/lamp/failed',
      source: 'core',
      ts: 'x',
      payload: {},
      dataClass: 'public',
    });
    await f.bus.idle();
    expect(seen).toEqual(['e1']);
  });
});
