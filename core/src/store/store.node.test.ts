import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import PouchDB from 'pouchdb-core';
import { runStoragePortContract } from './contract.ts';
import { createPluginStore } from './pouch-store.ts';

PouchDB.plugin(leveldbAdapter);

runStoragePortContract('PouchDB (LevelDB adapter)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'heng-store-'));
  const db = new PouchDB(join(dir, 'db'), { adapter: 'leveldb' });
  return {
    open: (id) => createPluginStore(db, id),
    close: async () => {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
