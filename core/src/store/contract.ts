/**
 * @module The behaviour every StoragePort must have, as one suite run against each
 * implementation (memory, PouchDB in memory, PouchDB on LevelDB).
 */
import { HengError } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { StoragePort } from './port.ts';

/** A fresh backing store for one test: open plugins' ports on it, close it afterwards. */
export interface StorageFixture {
  open(pluginId: string): StoragePort;
  close(): Promise<void>;
}

const A = 'cn.example.alpha';
const B = 'cn.example.beta';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** Runs the StoragePort contract against the implementation that `factory` opens. */
export function runStoragePortContract(name: string, factory: () => Promise<StorageFixture>): void {
  describe(`StoragePort contract: ${name}`, () => {
    let fixture: StorageFixture;
    let store: StoragePort;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.open(A);
    });
    afterEach(async () => {
      await fixture.close();
    });

    test('returns undefined for a key never written', async () => {
      expect(await store.get('missing')).toBeUndefined();
    });

    test('reads back exactly the JSON value written', async () => {
      const value = { a: [1, 2.5, 'x', null, true], nested: { deep: { ok: false } }, zh: '衡阳' };
      await store.put('k', value);
      expect(await store.get('k')).toEqual(value);
    });

    test('keeps a __proto__ key as data without touching any prototype', async () => {
      await store.put('proto', JSON.parse('{"__proto__": {"polluted": true}}'));
      const back = (await store.get('proto')) as Record<string, unknown>;
      expect(Object.hasOwn(back, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    });

    test('replaces a value on a second put of the same key', async () => {
      await store.put('k', 1);
      await store.put('k', 2);
      expect(await store.get('k')).toBe(2);
    });

    test('survives concurrent puts to one key, keeping one of the values', async () => {
      await Promise.all([1, 2, 3, 4, 5].map((v) => store.put('race', v)));
      expect([1, 2, 3, 4, 5]).toContain(await store.get('race'));
    });

    test('deletes a key and says whether it existed', async () => {
      await store.put('k', 'v');
      expect(await store.delete('k')).toBe(true);
      expect(await store.get('k')).toBeUndefined();
      expect(await store.delete('k')).toBe(false);
    });

    test('writes again after a delete', async () => {
      await store.put('k', 'v1');
      await store.delete('k');
      await store.put('k', 'v2');
      expect(await store.get('k')).toBe('v2');
    });

    test('lists entries by prefix in key order, up to the limit', async () => {
      for (const key of ['b/2', 'a/1', 'b/1', 'b/3', 'c']) await store.put(key, key);
      expect(await store.list('b/')).toEqual([
        { key: 'b/1', value: 'b/1' },
        { key: 'b/2', value: 'b/2' },
        { key: 'b/3', value: 'b/3' },
      ]);
      expect((await store.list('', { limit: 2 })).map((e) => e.key)).toEqual(['a/1', 'b/1']);
      expect(await store.list('zzz')).toEqual([]);
    });

    test('counts usage as the UTF-8 bytes of keys and JSON values', async () => {
      expect(await store.usage()).toBe(0);
      await store.put('ab', 'é');
      expect(await store.usage()).toBe(2 + 4);
      await store.delete('ab');
      expect(await store.usage()).toBe(0);
    });

    test.each(['', 'x'.repeat(257), 'a\u0000b', 'line\nbreak', 'bad\ud800', 42, null])(
      'refuses the invalid key %s',
      async (key) => {
        const err = await rejection(store.put(key as string, 1));
        expect(err).toBeInstanceOf(HengError);
        expect((err as HengError).code).toBe('invalid_input');
        expect(await rejection(store.get(key as string))).toBeInstanceOf(HengError);
      },
    );

    test('refuses a value that is not JSON', async () => {
      const err = await rejection(store.put('k', (() => 1) as never));
      expect((err as HengError).code).toBe('invalid_input');
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      expect(((await rejection(store.put('k', cyclic as never))) as HengError).code).toBe(
        'invalid_input',
      );
    });

    test('refuses an invalid list limit', async () => {
      for (const limit of [0, -1, 1.5, 1001]) {
        expect(((await rejection(store.list('', { limit }))) as HengError).code).toBe(
          'invalid_input',
        );
      }
    });

    test("never shows one plugin's keys to another, whatever the key says", async () => {
      const other = fixture.open(B);
      const hostile = [
        '../x',
        `../${B}/k`,
        `plugin/${B}/k`,
        `/plugin/${B}/k`,
        '_design/x',
        '_local/x',
        'k',
      ];
      for (const key of hostile) await store.put(key, `from ${A}`);
      await other.put('k', `from ${B}`);
      for (const key of hostile.filter((k) => k !== 'k'))
        expect(await other.get(key)).toBeUndefined();
      expect(await other.get('k')).toBe(`from ${B}`);
      expect(await store.get('k')).toBe(`from ${A}`);
      expect((await other.list()).map((e) => e.key)).toEqual(['k']);
      expect((await store.list()).map((e) => e.key).sort()).toEqual([...hostile].sort());
      expect(await other.delete('../x')).toBe(false);
      expect(await store.get('../x')).toBe(`from ${A}`);
    });

    test('refuses to open a store for something that is not a plugin id', () => {
      for (const id of ['', '../evil', 'a/b.c', 'plugin', 'UPPER.case'])
        expect(() => fixture.open(id)).toThrow(HengError);
    });

    test('a plugin whose id prefixes another still sees only its own keys', async () => {
      const longer = fixture.open(`${A}x`);
      await longer.put('k', 'longer');
      await store.put('k', 'short');
      expect(await store.list()).toEqual([{ key: 'k', value: 'short' }]);
      expect(await longer.list()).toEqual([{ key: 'k', value: 'longer' }]);
    });
  });
}
