import { runStoragePortContract } from '@heng/core/store-contract';
import { STORE_TARGETS, uniqueDbName } from '../couch/targets.fixture.ts';
import { couchPluginStores } from './plugin-storage.ts';

// The same contract as the core's stores, over the store hub plugins use: nano to the embedded
// server, and to a real CouchDB when COUCHDB_URL is set.
for (const target of STORE_TARGETS) {
  if (target.skip) continue;
  runStoragePortContract(`hub plugins' store over nano (${target.name})`, async () => {
    const store = await target.open();
    const db = uniqueDbName('plugin-data');
    await store.couch.ensureDb(db);
    const open = couchPluginStores(store.couch, db);
    return {
      open,
      close: async () => {
        await store.couch.dropDb(db);
        await store.close();
      },
    };
  });
}
