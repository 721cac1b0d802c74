import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RecordingAudit } from '../catalog/catalog.fixture.ts';
import { type Couch, HUB_DB, siteDbName } from '../couch/index.ts';
import { NamespacedCouch, STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import { type ConflictDoc, conflictDocId, settleConflicts } from './conflicts.ts';
import { makeConflict } from './watch.fixture.ts';

describe.each(STORE_TARGETS)(
  'a control document edited at hub and edge while apart, on $name',
  (target: StoreTarget) => {
    let store: Awaited<ReturnType<StoreTarget['open']>>;
    // heng-hub and the site's database under names of this test's own: a shared CouchDB's
    // real heng-hub is never created or touched.
    let couch: Couch;
    let audit: RecordingAudit;
    const now = () => new Date('2025-03-01T12:00:00.000Z');
    let SITE = '';
    let CONTROL = '';

    beforeEach(async (context) => {
      if (target.skip) return context.skip(target.skip);
      store = await target.open();
      couch = new NamespacedCouch(store.couch);
      SITE = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      CONTROL = siteDbName(SITE, 'control');
      await couch.ensureDb(HUB_DB);
      await couch.ensureDb(CONTROL);
      audit = new RecordingAudit();
    });
    afterEach(async () => {
      if (!store) return;
      await couch.dropDb(CONTROL);
      await couch.dropDb(HUB_DB);
      await store.close();
    });

    const settle = (id: string) => settleConflicts({ couch, audit, now }, SITE, id);
    const current = (id: string) =>
      couch.db<Record<string, unknown>>(CONTROL).get(id, { conflicts: true });
    const kept = (id: string, rev: string) =>
      couch.db<ConflictDoc>(HUB_DB).get(conflictDocId(SITE, id, rev));

    test('keeps the revision with the later updatedAt even when CouchDB picked the other, and keeps the loser for review', async () => {
      const base = { type: 'settings', dimming: 50, updatedAt: '2025-01-01T00:00:00Z' };
      const revs = await makeConflict(
        couch,
        CONTROL,
        'settings/current',
        base,
        { hash: 'ffff', body: { ...base, dimming: 60, updatedAt: '2025-02-01T10:00:00Z' } },
        { hash: '0000', body: { ...base, dimming: 70, updatedAt: '2025-02-01T11:00:00Z' } },
      );
      expect((await current('settings/current'))._rev).toBe(revs.a);

      const resolution = await settle('settings/current');
      expect(resolution).toMatchObject({ winner: revs.b, rule: 'updatedAt', losers: [revs.a] });
      const doc = await current('settings/current');
      expect(doc).toMatchObject({ _rev: revs.b, dimming: 70 });
      expect(doc._conflicts).toBeUndefined();
      expect(await kept('settings/current', revs.a)).toMatchObject({
        type: 'conflict',
        site: SITE,
        docId: 'settings/current',
        winner: revs.b,
        at: '2025-03-01T12:00:00.000Z',
        loser: { _rev: revs.a, dimming: 60 },
      });
      expect(audit.entries).toEqual([
        expect.objectContaining({
          actor: 'hub',
          action: 'sync.conflict',
          target: `site/${SITE}/control/settings/current`,
          outcome: 'ok',
          detail: expect.objectContaining({ winner: revs.b, losers: [revs.a], rule: 'updatedAt' }),
        }),
      ]);
    });

    test("decides a command by its ts when no revision has updatedAt, keeping CouchDB's pick when it is the later", async () => {
      const base = { type: 'command', id: 'c1', ts: '2025-01-01T00:00:00Z', value: 1 };
      const revs = await makeConflict(
        couch,
        CONTROL,
        'command/c1',
        base,
        { hash: 'ffff', body: { ...base, value: 2, ts: '2025-01-02T00:00:00Z' } },
        { hash: '0000', body: { ...base, value: 3, ts: '2025-01-01T12:00:00Z' } },
      );
      expect(await settle('command/c1')).toMatchObject({ winner: revs.a, rule: 'ts' });
      expect(await current('command/c1')).toMatchObject({ _rev: revs.a, value: 2 });
      expect(await kept('command/c1', revs.b)).toMatchObject({ loser: { value: 3 } });
    });

    test("leaves CouchDB's pick when the revisions carry no time", async () => {
      const revs = await makeConflict(
        couch,
        CONTROL,
        'devices/list',
        { type: 'devices', n: 1 },
        { hash: 'aaaa', body: { type: 'devices', n: 2 } },
        { hash: 'bbbb', body: { type: 'devices', n: 3 } },
      );
      expect(await settle('devices/list')).toMatchObject({ winner: revs.b, rule: 'couchdb' });
      expect(await current('devices/list')).toMatchObject({ _rev: revs.b, n: 3 });
      expect(await kept('devices/list', revs.a)).toMatchObject({ loser: { n: 2 } });
    });

    test('does nothing to a document without conflicts, and settling again changes nothing', async () => {
      await couch.db(CONTROL).insert({ type: 'event' } as never, 'event/1');
      expect(await settle('event/1')).toBeUndefined();
      expect(await settle('no/such/doc')).toBeUndefined();
      await makeConflict(
        couch,
        CONTROL,
        'settings/x',
        { type: 'settings' },
        { hash: 'aaaa', body: { type: 'settings', updatedAt: '2025-01-01T00:00:00Z' } },
        { hash: 'bbbb', body: { type: 'settings', updatedAt: '2025-01-02T00:00:00Z' } },
      );
      expect(await settle('settings/x')).toBeDefined();
      expect(await settle('settings/x')).toBeUndefined();
      expect(audit.entries).toHaveLength(1);
    });
  },
);
