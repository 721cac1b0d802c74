import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Couch, SITE_DBS, siteDbName } from '../couch/index.ts';
import { STORE_TARGETS, type StoreTarget, uniqueDbName } from '../couch/targets.fixture.ts';
import { MapAuthenticator, MemoryAudit } from '../gateway/gateway.fixture.ts';
import { syncGateway } from '../gateway/index.ts';
import { VALIDATION_DDOC_ID } from './design-docs.ts';
import { siteUserName } from './edge-writes-source.ts';
import { uniqueSiteId } from './site.fixture.ts';
import { type EdgeForwarding, SiteSecurity } from './site-security.ts';
import { basicAuthorization, siteUserDocId } from './site-users.ts';

type TestStore = Awaited<ReturnType<StoreTarget['open']>>;
const TOKEN = 'edge-token';

/** A site's databases and a registry database of its own, removed (with the user) at the end. */
async function world(store: TestStore) {
  const site = uniqueSiteId();
  const hubDb = uniqueDbName('hub');
  const auditDb = uniqueDbName('audit');
  await store.couch.ensureDb(hubDb);
  for (const db of SITE_DBS) await store.couch.ensureDb(siteDbName(site, db));
  const audit = new MemoryAudit();
  const security = new SiteSecurity({ couch: store.couch, audit, db: hubDb, auditDb });
  const cleanup = async () => {
    for (const db of SITE_DBS) await store.couch.dropDb(siteDbName(site, db));
    for (const db of [hubDb, auditDb]) await store.couch.dropDb(db);
    const users = store.couch.db('_users');
    const user = await users.get(`org.couchdb.user:${siteUserName(site)}`).catch(() => null);
    if (user) await users.destroy(user._id, user._rev);
  };
  return { site, hubDb, audit, security, cleanup };
}

/** The sync gateway on loopback, with one edge token for `site`. */
async function gatewayFor(couch: Couch, site: string, forwarding?: EdgeForwarding) {
  const app = new Hono();
  const audit = new MemoryAudit();
  const authenticator = new MapAuthenticator().edge(site, TOKEN, 'secret');
  app.route(
    '/sync',
    syncGateway({ couch, authenticator, audit, ...(forwarding ? { forwarding } : {}) }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}/sync/${site}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
  return { call, close, [Symbol.asyncDispose]: close };
}

describe('the second layer on the embedded store', () => {
  let store: TestStore;
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    store = await STORE_TARGETS[0]!.open();
    w = await world(store);
  });
  afterEach(async () => {
    await w.cleanup();
    await store.close();
  });

  test('is off: securing a site writes nothing, and edges go with the hub credentials', async () => {
    expect(await w.security.secondLayer()).toBe(false);
    await w.security.secure(w.site);
    expect(await w.security.secureAll()).toEqual([]);
    const ddoc = await store.couch
      .db(siteDbName(w.site, 'control'))
      .get(VALIDATION_DDOC_ID)
      .catch((e: unknown) => e);
    expect(ddoc).toMatchObject({ statusCode: 404 });
    expect((await store.couch.db(w.hubDb).list()).rows).toEqual([]);
    expect(w.audit.entries).toEqual([]);
    expect(await w.security.storeFor(w.site)).toEqual({
      url: store.couch.url,
      authorization: store.couch.authorization,
    });
  });

  test('the gateway forwards with the credentials its forwarding chooses, never its own', async () => {
    const wrong: EdgeForwarding = {
      storeFor: async () => ({ url: store.couch.url, authorization: 'Basic bm9ib2R5Om5vdGhpbmc=' }),
    };
    await using refused = await gatewayFor(store.couch, w.site, wrong);
    expect((await refused.call('/control')).status).toBe(401);
    await using allowed = await gatewayFor(store.couch, w.site);
    expect((await allowed.call('/control')).status).toBe(200);
  });
});

const couchdb = STORE_TARGETS.find((t) => t.name === 'couchdb')!;

describe('the second layer on a real CouchDB', () => {
  let store: TestStore | undefined;
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async (context) => {
    if (couchdb.skip) return context.skip(couchdb.skip);
    store = await couchdb.open();
    w = await world(store);
  });
  afterEach(async () => {
    if (!store) return;
    await w.cleanup();
    await store.close();
  });

  const siteAuth = async () => {
    const doc = await store!.couch
      .db<{ name: string; password: string }>(w.hubDb)
      .get(siteUserDocId(w.site));
    return basicAuthorization(doc);
  };
  const asSite = async (db: 'control' | 'telemetry', path: string, init: RequestInit = {}) =>
    fetch(`${store!.couch.url}/${siteDbName(w.site, db)}/${path}`, {
      ...init,
      headers: { authorization: await siteAuth(), 'content-type': 'application/json' },
    });

  test('makes the site user, the only member of its databases, with validation; once', async () => {
    await w.security.secure(w.site);
    const session = await fetch(`${store!.couch.url}/_session`, {
      headers: { authorization: await siteAuth() },
    });
    expect(await session.json()).toMatchObject({
      userCtx: {
        name: siteUserName(w.site),
        roles: expect.arrayContaining(['heng-edge', 'heng-clearance-secret']),
      },
    });
    for (const db of SITE_DBS) {
      const security = await store!.couch.server.request({
        db: siteDbName(w.site, db),
        path: '_security',
      });
      expect(security).toMatchObject({ members: { names: [siteUserName(w.site)], roles: [] } });
      await expect(
        store!.couch.db(siteDbName(w.site, db)).get(VALIDATION_DDOC_ID),
      ).resolves.toBeTruthy();
    }
    expect(w.audit.entries).toHaveLength(1);
    expect(w.audit.entries[0]).toMatchObject({
      actor: 'hub',
      action: 'site.store-security',
      outcome: 'ok',
    });
    const { password } = await store!.couch
      .db<{ password: string }>(w.hubDb)
      .get(siteUserDocId(w.site));
    expect(JSON.stringify(w.audit.entries)).not.toContain(password);
    await w.security.secure(w.site);
    expect(w.audit.entries).toHaveLength(1);
  });

  test('refuses, as the site user, what the gateway refuses; lets the hub write its records', async () => {
    await w.security.secure(w.site);
    const put = (db: 'control' | 'telemetry', id: string, doc: object) =>
      asSite(db, encodeURIComponent(id), { method: 'PUT', body: JSON.stringify(doc) });
    expect((await put('control', 'event/1', { type: 'event', site: w.site })).status).toBe(201);
    const install = await put('control', 'app-install/p', { type: 'app-install' });
    expect(install.status).toBe(403);
    expect(await install.json()).toMatchObject({
      error: 'forbidden',
      reason: expect.stringMatching(/app-install/),
    });
    const batch = await put('telemetry', 'tb/1', { type: 'telemetry-batch', site: w.site });
    const { rev } = (await batch.json()) as { rev: string };
    expect((await put('telemetry', 'tb/1', { _rev: rev, type: 'telemetry-batch' })).status).toBe(
      403,
    );
    await store!.couch
      .db<Record<string, unknown>>(siteDbName(w.site, 'control'))
      .insert({ _id: 'app-install/q', type: 'app-install' });
    const anonymous = await fetch(`${store!.couch.url}/${siteDbName(w.site, 'control')}`);
    expect(anonymous.status).toBe(401);
  });

  test('gives a registered site its layer at start, and closes the registry to all but admins', async () => {
    await store!.couch
      .db<Record<string, unknown>>(w.hubDb)
      .insert({ _id: `site/${w.site}`, type: 'site', id: w.site });
    expect(await w.security.secureAll()).toEqual([w.site]);
    expect(await store!.couch.server.request({ db: w.hubDb, path: '_security' })).toMatchObject({
      members: { roles: ['_admin'] },
    });
    await expect(
      store!.couch.db(siteDbName(w.site, 'telemetry')).get(VALIDATION_DDOC_ID),
    ).resolves.toBeTruthy();
  });

  test('the gateway forwards an edge as its site user, so CouchDB refuses what only it can see', async () => {
    const control = store!.couch.db<Record<string, unknown>>(siteDbName(w.site, 'control'));
    const { rev } = await control.insert({ _id: 'app-install/p', type: 'app-install' });
    await using gateway = await gatewayFor(store!.couch, w.site, w.security);
    // The gateway allows an event; CouchDB sees it would replace the hub's install record.
    const reply = await gateway.call('/control/_bulk_docs', {
      method: 'POST',
      body: JSON.stringify({
        docs: [{ _id: 'app-install/p', _rev: rev, type: 'event', site: w.site }],
      }),
    });
    expect(await reply.json()).toEqual([
      expect.objectContaining({
        id: 'app-install/p',
        error: 'forbidden',
        reason: expect.stringMatching(/hub wrote/),
      }),
    ]);
    expect((await gateway.call('/control')).status).toBe(200);
  });
});
