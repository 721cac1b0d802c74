import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import leveldb from 'pouchdb-adapter-leveldb';
import PouchDB from 'pouchdb-core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { couchStatus, parseCouchUrl, storeError } from './couch.ts';
import { siteDbName } from './names.ts';
import { openHubStore } from './store.ts';
import { STORE_TARGETS, type StoreTarget, uniqueDbName } from './targets.fixture.ts';

describe.each(STORE_TARGETS)('the hub store on $name', (target: StoreTarget) => {
  let store: Awaited<ReturnType<StoreTarget['open']>>;
  const made: string[] = [];

  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    store = await target.open();
  });
  afterEach(async () => {
    if (!store) return;
    for (const name of made.splice(0)) await store.couch.dropDb(name);
    await store.close();
  });

  test('creates a database once, and a second ensure is harmless', async () => {
    const name = uniqueDbName('ensure');
    made.push(name);
    await store.couch.ensureDb(name);
    await store.couch.ensureDb(name);
    const info = await store.couch.server.db.get(name);
    expect(info.doc_count).toBe(0);
  });

  test('stores and reads back a document, and reports a conflicting write as conflict', async () => {
    const name = uniqueDbName('docs');
    made.push(name);
    await store.couch.ensureDb(name);
    const db = store.couch.db<{ type: string }>(name);
    await db.insert({ type: 'site' }, 'site/a');
    expect((await db.get('site/a')).type).toBe('site');
    const err = await db.insert({ type: 'site' }, 'site/a').catch((e: unknown) => e);
    expect(couchStatus(err)).toBe(409);
    expect(storeError(err, 'save site/a').code).toBe('conflict');
    const missing = await db.get('site/b').catch((e: unknown) => e);
    expect(storeError(missing, 'read site/b').code).toBe('not_found');
  });

  test('names a site database from the site id, and refuses ids CouchDB cannot take', () => {
    expect(siteDbName('lighting-01', 'control')).toBe('heng-site-lighting-01-control');
    expect(() => siteDbName('Lighting.01', 'telemetry')).toThrow(/lower-case letter/);
  });
});

describe('the embedded store', () => {
  test('listens on loopback and refuses a request without the hub credentials', async () => {
    const target = STORE_TARGETS[0]!;
    await using store = await target.open();
    expect(store.kind).toBe('embedded');
    expect(new URL(store.couch.url).hostname).toBe('127.0.0.1');
    const anonymous = await fetch(`${store.couch.url}/_all_dbs`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${store.couch.url}/_all_dbs`, {
      headers: { authorization: `Basic ${btoa('heng-hub:guess')}` },
    });
    expect(wrong.status).toBe(401);
    expect(await store.couch.server.db.list()).toEqual(expect.any(Array));
  });

  test('lists only its own databases, not those others open in the process, and leaves no listener on PouchDB', async () => {
    const before = [PouchDB.listenerCount('created'), PouchDB.listenerCount('destroyed')];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-listeners-'));
    try {
      const store = await openHubStore({ dataDir: path.join(dir, 'hub') });
      // An edge's database in the same process (as in tests, or a hub and edge in one program).
      const edge = new (PouchDB.plugin(leveldb))(path.join(dir, 'edge-control'), {
        adapter: 'leveldb',
      });
      await edge.info();
      await store.couch.ensureDb('own');
      // The list is kept by a queue in order: once `own` is in it, the edge's would be too.
      const listed = await vi.waitFor(async () => {
        const names = await store.couch.server.db.list();
        expect(names).toContain('own');
        return names;
      });
      expect(listed.filter((n) => n.includes('edge-control'))).toEqual([]);
      await edge.close();
      await store.close();
      expect([PouchDB.listenerCount('created'), PouchDB.listenerCount('destroyed')]).toEqual(
        before,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('keeps its databases across a restart in the same data folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-restart-'));
    try {
      const first = await openHubStore({ dataDir: dir });
      await first.couch.ensureDb('kept');
      await first.couch.db<{ n: number }>('kept').insert({ n: 1 }, 'one');
      await first.close();
      await using second = await openHubStore({ dataDir: dir });
      expect(await second.couch.db<{ n: number }>('kept').get('one')).toMatchObject({ n: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a CouchDB URL', () => {
  test('loses its credentials to a header, keeping the path', () => {
    const t = parseCouchUrl('http://admin:p%40ss@couch.internal:5984/prefix/');
    expect(t).toEqual({
      url: 'http://couch.internal:5984/prefix',
      credentials: { username: 'admin', password: 'p@ss' },
    });
  });
  test('that is not http is refused with the setting named', () => {
    expect(() => parseCouchUrl('ftp://x')).toThrow(/COUCHDB_URL/);
    expect(() => parseCouchUrl('not a url')).toThrow(/not a URL/);
  });
});
