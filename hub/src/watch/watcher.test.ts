import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  BASE_PERMISSIONS,
  type CatalogApp,
  lampsManifest,
  makePackage,
  openCatalogApp,
  RecordingAudit,
  vendorKey,
} from '../catalog/catalog.fixture.ts';
import { Couch, HUB_DB, siteDbName, startEmbeddedCouch } from '../couch/index.ts';
import { checkpointId } from './checkpoint.ts';
import { listCrashReports } from './crash-report.ts';
import { makeConflict, nextEvent, startRelay } from './watch.fixture.ts';
import { SiteWatcher } from './watcher.ts';

const SITE = 'lighting-01';
const CONTROL = siteDbName(SITE, 'control');
const APP = `/api/sites/${SITE}/apps/com.example.lamps`;

describe('the hub watching its sites', () => {
  let t: CatalogApp;
  const watchers: SiteWatcher[] = [];
  const watcher = () => {
    const w = new SiteWatcher({ couch: t.couch, audit: t.audit, catalog: t.catalog });
    watchers.push(w);
    return w;
  };
  beforeEach(async () => {
    t = await openCatalogApp();
  });
  afterEach(async () => {
    for (const w of watchers.splice(0)) await w.dispose();
    await t.store.close();
  });

  test('watches every registered site on start, and a site registered later when told to', async () => {
    const w = watcher();
    expect((await w.start()).sort()).toEqual(['lighting-01', 'lighting-02']);
    await t.couch.ensureDb(siteDbName('pumping-01', 'control'));
    const seen = nextEvent(w, 'page', (p) => p.site === 'pumping-01');
    await w.watch('pumping-01');
    await w.watch('pumping-01');
    await t.couch
      .db(siteDbName('pumping-01', 'control'))
      .insert({ type: 'event' } as never, 'event/1');
    expect((await seen).ids).toEqual(['event/1']);
    expect(w.watching().sort()).toEqual(['lighting-01', 'lighting-02', 'pumping-01']);
    expect(() => w.watch('Not A Site')).toThrow(/lower-case letter/);
  });

  test('settles a conflict as soon as the edited-apart revisions reach the store', async () => {
    const w = watcher();
    await w.start();
    const settled = nextEvent(w, 'conflict', (r) => r.docId === 'settings/current');
    const revs = await makeConflict(
      t.couch,
      CONTROL,
      'settings/current',
      { type: 'settings', level: 1 },
      { hash: 'ffff', body: { type: 'settings', level: 2, updatedAt: '2025-01-01T00:00:00Z' } },
      { hash: '0000', body: { type: 'settings', level: 3, updatedAt: '2025-01-02T00:00:00Z' } },
    );
    expect(await settled).toMatchObject({ site: SITE, winner: revs.b, losers: [revs.a] });
    expect(await t.couch.db(CONTROL).get('settings/current', { conflicts: true })).toMatchObject({
      _rev: revs.b,
      level: 3,
    });
    expect(t.audit.entries.at(-1)).toMatchObject({ actor: 'hub', action: 'sync.conflict' });
  });

  test('rolls back a plugin the edge reports crashing, when its install has autoRollback, as actor hub', async () => {
    const key = await vendorKey();
    await t.call('POST', '/api/catalog/keys', { publicKey: key.pub });
    for (const version of ['1.0.0', '1.1.0'])
      await t.call(
        'POST',
        '/api/catalog/packages',
        await makePackage(lampsManifest(version), key.priv),
      );
    await t.call('POST', '/api/installs', {
      sites: [SITE],
      plugin: { id: 'com.example.lamps', version: '1.0.0' },
      config: {},
      consent: { permissions: BASE_PERMISSIONS },
    });
    expect((await t.call('POST', `${APP}/upgrade`, { version: '1.1.0' })).status).toBe(200);
    expect((await t.call('PUT', `${APP}/auto-rollback`, { autoRollback: true })).status).toBe(200);
    const install = await t.couch
      .db<{ plugin: { digest: string } }>(CONTROL)
      .get('app-install/com.example.lamps');

    const w = watcher();
    await w.start();
    const crash = nextEvent(w, 'crash', (c) => c.plugin === 'com.example.lamps');
    // What the edge replicates up when the plugin keeps failing.
    await t.couch.db(CONTROL).insert(
      {
        type: 'plugin-status',
        site: SITE,
        plugin: { id: 'com.example.lamps', version: '1.1.0', digest: install.plugin.digest },
        state: 'quarantined',
        faults: 5,
        lastError: { code: 'deadline_exceeded', message: 'ran past its deadline' },
        updatedAt: '2025-02-01T00:00:00Z',
      } as never,
      'plugin-status/com.example.lamps',
    );
    const { outcome } = await crash;
    expect(outcome).toMatchObject({ rolledBack: true, install: { plugin: { version: '1.0.0' } } });
    expect(await t.couch.db(CONTROL).get('app-install/com.example.lamps')).toMatchObject({
      plugin: { version: '1.0.0' },
      state: 'active',
    });
    expect(t.audit.entries.find((e) => e.action === 'install.auto-rollback')).toMatchObject({
      actor: 'hub',
      outcome: 'ok',
      detail: expect.objectContaining({ from: '1.1.0', to: '1.0.0' }),
    });
    const [report] = await listCrashReports(t.couch, SITE);
    expect(report).toMatchObject({
      plugin: 'com.example.lamps',
      crashes: [
        {
          version: '1.1.0',
          state: 'quarantined',
          faults: 5,
          lastError: { message: 'ran past its deadline' },
          autoRollback: { rolledBack: true, to: '1.0.0' },
        },
      ],
    });
  });

  test('reports a crash without rolling back when autoRollback is off', async () => {
    const w = watcher();
    await w.start();
    const crash = nextEvent(w, 'crash');
    // A report that is not valid against its schema (no site, no faults) is not acted on.
    await t.couch.db(CONTROL).insert(
      {
        type: 'plugin-status',
        plugin: { id: 'com.example.bad', version: '1.0.0', digest: 'sha256-x' },
        state: 'failed',
      } as never,
      'plugin-status/com.example.bad',
    );
    await t.couch.db(CONTROL).insert(
      {
        type: 'plugin-status',
        site: SITE,
        faults: 1,
        plugin: {
          id: 'com.example.other',
          version: '2.0.0',
          digest: 'sha256-7btyI/8p0oo1/3hfGjENeNbDCePVGcoJvwjoUCfGfpg=',
        },
        state: 'failed',
        updatedAt: '2025-02-01T00:00:00Z',
      } as never,
      'plugin-status/com.example.other',
    );
    expect((await crash).outcome).toMatchObject({
      rolledBack: false,
      reason: 'not actively installed',
    });
    expect(t.audit.entries.some((e) => e.action === 'install.auto-rollback')).toBe(false);
    expect(await listCrashReports(t.couch, SITE)).toMatchObject([
      {
        plugin: 'com.example.other',
        crashes: [{ state: 'failed', autoRollback: { rolledBack: false } }],
      },
    ]);
  });

  test('resumes after a restart from the position it saved, without replaying what it handled', async () => {
    await t.couch.db(CONTROL).insert({ type: 'event' } as never, 'event/before');
    const first = watcher();
    const handled = nextEvent(
      first,
      'page',
      (p) => p.site === SITE && p.ids.includes('event/before'),
    );
    await first.start();
    const { since } = await handled;
    await first.dispose();
    expect(await t.couch.db(HUB_DB).get(checkpointId(SITE))).toMatchObject({
      type: 'watch',
      since,
    });

    await t.couch.db(CONTROL).insert({ type: 'event' } as never, 'event/after');
    const second = watcher();
    const resumed = nextEvent(second, 'page', (p) => p.site === SITE);
    await second.start();
    expect((await resumed).ids).toEqual(['event/after']);
  });
});

describe('the watch when the store goes away', () => {
  test('retries with backoff and catches up once the store answers again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-watch-away-'));
    await using embedded = await startEmbeddedCouch({ dir });
    await using relay = await startRelay(embedded.url);
    const direct = new Couch({ url: embedded.url, credentials: embedded.credentials });
    const viaRelay = new Couch({ url: relay.url, credentials: embedded.credentials });
    await direct.ensureDb(HUB_DB);
    await direct.ensureDb(CONTROL);
    await using w = new SiteWatcher({
      couch: viaRelay,
      audit: new RecordingAudit(),
      catalog: { applyAutoRollback: async () => ({ rolledBack: false, reason: 'unused' }) },
      feed: { backoff: { initialMs: 10, maxMs: 50 } },
    });
    try {
      const first = nextEvent(w, 'page');
      await direct.db(CONTROL).insert({ type: 'event' } as never, 'event/1');
      await w.watch(SITE);
      await first;

      const fault = nextEvent(w, 'fault', (f) => f.retryInMs !== undefined);
      await relay.cut();
      await direct.db(CONTROL).insert({ type: 'event' } as never, 'event/2');
      const { error } = await fault;
      expect(error.code).toBe('store_unavailable');
      expect((await w.position(SITE))?.failures).toBeGreaterThan(0);

      const recovered = nextEvent(w, 'recovered');
      const caughtUp = nextEvent(w, 'page', (p) => p.ids.includes('event/2'));
      await relay.restore();
      await recovered;
      await caughtUp;
      expect((await w.position(SITE))?.failures).toBe(0);
    } finally {
      await w.dispose();
      await embedded.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
