import { HengError } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { brokerFixture, failure } from './broker-fixture.ts';

const everything = () =>
  brokerFixture([
    { capability: 'telemetry:read', points: ['#'] },
    { capability: 'command:write', points: ['#'], rate: { count: 100, perSeconds: 1 } },
    { capability: 'events:publish', topics: ['#'] },
    { capability: 'storage' },
    { capability: 'net:fetch', hosts: ['api.weather.example'] },
  ]);

const OPS = [
  'telemetry.latest',
  'commands.send',
  'events.publish',
  'storage.get',
  'storage.put',
  'storage.delete',
  'storage.list',
  'fetch',
];

describe('Broker: hostile input', () => {
  test('refuses an argument list that is not an array, for every op', async () => {
    const f = everything();
    for (const op of OPS) {
      for (const args of [undefined, null, 'a/b/c', { 0: 'a/b/c', length: 1 }]) {
        const err = await failure(() => f.broker.bridge(op, args as never));
        expect(err.code).toBe('invalid_input');
      }
    }
    expect(f.audit.every((e) => e.outcome === 'denied')).toBe(true);
  });

  test('refuses wrong argument types for every op, reaching no port', async () => {
    const f = everything();
    const junk = [undefined, null, 0, Number.NaN, true, [], {}, () => 1, Symbol('s'), 10n];
    for (const op of OPS) {
      for (const value of junk) {
        if (op === 'storage.list' && value === undefined) continue; // list() with no prefix is valid
        const err = await failure(() => f.call(op, value));
        expect(err).toBeInstanceOf(HengError);
      }
    }
    expect(f.commands).toEqual([]);
    expect(f.fetches).toEqual([]);
    expect(f.backing.size).toBe(0);
  });

  test('refuses too many arguments', async () => {
    const f = everything();
    expect((await failure(() => f.call('storage.get', 'k', 'extra'))).code).toBe('invalid_input');
  });

  test('refuses huge strings without echoing them into errors or the audit trail', async () => {
    const f = everything();
    const huge = 'a/'.repeat(500_000);
    for (const op of ['telemetry.latest', 'storage.get', 'fetch']) {
      const err = await failure(() => f.call(op, huge));
      expect(err.code).toBe('invalid_input');
      expect(err.message.length).toBeLessThan(300);
    }
    const err = await failure(() =>
      f.call('commands.send', { point: 'a/b/c', value: 1, reason: huge }),
    );
    expect(err.message.length).toBeLessThan(300);
    expect(f.audit.every((e) => JSON.stringify(e).length < 1000)).toBe(true);
  });

  test('refuses an unknown or non-string op name and records it', async () => {
    const f = everything();
    for (const op of ['__proto__', 'constructor', 'toString', 'storage', 'x'.repeat(10_000), 42]) {
      expect(() => f.broker.bridge(op as string, [])).toThrow(HengError);
    }
    expect(f.audit).toHaveLength(6);
    expect(f.audit.every((e) => e.outcome === 'denied' && e.action.length <= 64)).toBe(true);
  });

  test('reads fields only as own data: a __proto__ key cannot supply a reason', async () => {
    const f = everything();
    const sneaky = JSON.parse(
      '{"point": "a/b/c", "value": 1, "__proto__": {"reason": "inherited"}}',
    );
    expect((await failure(() => f.call('commands.send', sneaky))).code).toBe('invalid_input');
    const inherited = Object.create({ point: 'a/b/c', value: 1, reason: 'from the prototype' });
    expect((await failure(() => f.call('commands.send', inherited))).code).toBe('invalid_input');
    expect(f.commands).toEqual([]);
  });

  test('never runs a getter the plugin planted', async () => {
    const f = everything();
    let ran = false;
    const trap = {
      point: 'a/b/c',
      value: 1,
      get reason() {
        ran = true;
        return 'r';
      },
    };
    expect((await failure(() => f.call('commands.send', trap))).code).toBe('invalid_input');
    const payload = {
      get x() {
        ran = true;
        return 1;
      },
    };
    expect((await failure(() => f.call('events.publish', { topic: 'a', payload }))).code).toBe(
      'invalid_input',
    );
    expect(ran).toBe(false);
  });

  test('refuses class instances, proxies that throw, cycles and deep nesting as values', async () => {
    const f = everything();
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    for (const value of [new Date(), new Map(), new Uint8Array(2), hostile, cyclic, deep]) {
      expect((await failure(() => f.call('storage.put', 'k', value))).code).toBe('invalid_input');
    }
    expect(f.backing.size).toBe(0);
  });

  test('keeps __proto__ and constructor keys of event payloads as plain data', async () => {
    const f = everything();
    const payload = JSON.parse(
      '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"p": 1}}}',
    );
    const seen: unknown[] = [];
    f.bus.subscribe('#', (e) => void seen.push(e.payload));
    await f.call('events.publish', { topic: 'a/b', payload });
    await f.bus.idle();
    const got = seen[0] as Record<string, unknown>;
    expect(Object.hasOwn(got, '__proto__')).toBe(true);
    expect((got as { isAdmin?: boolean }).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  test('survives a point path with traversal or wildcards', async () => {
    const f = everything();
    for (const point of ['../../etc/passwd', 'a/b/../c', 'a/+/c', 'a/#', 'a/b/c/', 'a/b/c\u0000']) {
      expect((await failure(() => f.call('telemetry.latest', point))).code).toBe('invalid_input');
    }
  });
});
