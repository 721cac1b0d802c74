import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { describe, expect, test } from 'vitest';
import { runStoragePortContract } from './contract.ts';
import { createMemoryStore } from './memory-store.ts';
import { createPluginStore, type PluginStoreDoc } from './pouch-store.ts';

PouchDB.plugin(memoryAdapter);

let counter = 0;
const openMemoryPouch = () =>
  new PouchDB(`heng-store-test-${crypto.randomUUID()}-${++counter}`, { adapter: 'memory' });

runStoragePortContract('memory', async () => {
  const backing = new Map<string, string>();
  return { open: (id) => createMemoryStore(id, backing), close: async () => backing.clear() };
});

runStoragePortContract('PouchDB (memory adapter)', async () => {
  const db = openMemoryPouch();
  return {
    open: (id) => createPluginStore(db, id),
    close: () => db.destroy().then(() => undefined),
  };
});

describe('createPluginStore on PouchDB', () => {
  test('stores every key as a plugin/<id>/ document, whatever the key looks like', async () => {
    const db = openMemoryPouch();
    try {
      const store = createPluginStore(db, 'cn.example.alpha');
      for (const key of ['../x', '_design/x', 'plugin/cn.example.beta/k']) await store.put(key, 1);
      const { rows } = await db.allDocs({ include_docs: true });
      expect(rows.map((r) => r.id).sort()).toEqual([
        'plugin/cn.example.alpha/../x',
        'plugin/cn.example.alpha/_design/x',
        'plugin/cn.example.alpha/plugin/cn.example.beta/k',
      ]);
      const doc = rows[0]?.doc as unknown as PluginStoreDoc;
      expect(doc).toMatchObject({ type: 'plugin-store', plugin: 'cn.example.alpha', json: '1' });
    } finally {
      await db.destroy();
    }
  });

  test('overwrites a document changed behind its back (a replicated revision) without a 409', async () => {
    const db = openMemoryPouch();
    try {
      const store = createPluginStore(db, 'cn.example.alpha');
      await store.put('k', 'first');
      const doc = await db.get<PluginStoreDoc>('plugin/cn.example.alpha/k');
      await db.put({ ...doc, json: '"replicated"' });
      await store.put('k', 'mine');
      expect(await store.get('k')).toBe('mine');
    } finally {
      await db.destroy();
    }
  });
});
