import { PermissionDeniedError } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { brokerFixture, failure, FIXTURE_PLUGIN_ID as ID } from './broker-fixture.ts';

const storage = (quotaKiB = 4) => brokerFixture([{ capability: 'storage', quotaKiB }]);

describe('Broker: storage', () => {
  test('puts, gets, lists and deletes the plugin’s own keys', async () => {
    const f = storage();
    await f.call('storage.put', 'lamps/7', { dim: 30 });
    await f.call('storage.put', 'lamps/8', { dim: 40 });
    await f.call('storage.put', 'other', 1);
    expect(await f.call('storage.get', 'lamps/7')).toEqual({ dim: 30 });
    expect(await f.call('storage.list', 'lamps/')).toEqual([
      { key: 'lamps/7', value: { dim: 30 } },
      { key: 'lamps/8', value: { dim: 40 } },
    ]);
    expect(await f.call('storage.list', undefined, { limit: 1 })).toEqual([
      { key: 'lamps/7', value: { dim: 30 } },
    ]);
    expect(await f.call('storage.delete', 'lamps/7')).toBe(true);
    expect(await f.call('storage.get', 'lamps/7')).toBeUndefined();
    expect([...f.backing.keys()].every((id) => id.startsWith(`plugin/${ID}/`))).toBe(true);
  });

  test('refuses storage to a plugin without the permission, naming the key', async () => {
    const f = brokerFixture([]);
    const err = await failure(() => f.call('storage.get', 'k'));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.message).toContain('storage.get');
    expect(err.message).toContain('"k"');
  });

  test.each([
    { what: 'an empty key', key: '' },
    { what: 'a key of 257 characters', key: 'k'.repeat(257) },
    { what: 'a NUL character', key: 'a\u0000b' },
    { what: 'a newline', key: 'a\nb' },
    { what: 'a number', key: 7 },
    { what: 'an object', key: { toString: () => 'k' } },
  ])('refuses $what as key', async ({ key }) => {
    const f = storage();
    const err = await failure(() => f.call('storage.put', key, 1));
    expect(err.code).toBe('invalid_input');
    expect(f.backing.size).toBe(0);
  });

  test('refuses a value over 64 KiB of JSON', async () => {
    const f = storage(1024);
    const err = await failure(() => f.call('storage.put', 'big', 'x'.repeat(64 * 1024)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('65536 bytes');
  });

  test('refuses a put that would overflow the quota, and counts a replaced value once', async () => {
    const f = storage(1);
    await f.call('storage.put', 'a', 'x'.repeat(600));
    const err = await failure(() => f.call('storage.put', 'b', 'x'.repeat(600)));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toContain('quota of 1024');
    await f.call('storage.put', 'a', 'y'.repeat(900));
    expect(await f.call('storage.get', 'a')).toBe('y'.repeat(900));
    expect(f.audit.map((e) => e.outcome)).toEqual(['allowed', 'denied', 'allowed', 'allowed']);
  });

  test('checks the quota against concurrent puts one at a time', async () => {
    const f = storage(1);
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((key) => f.call('storage.put', key, 'x'.repeat(400))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  test('stores __proto__ keys as data without polluting any prototype', async () => {
    const f = storage();
    await f.call(
      'storage.put',
      '__proto__',
      JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}'),
    );
    const back = (await f.call('storage.get', '__proto__')) as Record<string, unknown>;
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  test('refuses invalid list limits', async () => {
    const f = storage();
    for (const options of [{ limit: 0 }, { limit: 1001 }, { limit: '5' }, 'five', []]) {
      expect((await failure(() => f.call('storage.list', '', options))).code).toBe('invalid_input');
    }
  });
});
