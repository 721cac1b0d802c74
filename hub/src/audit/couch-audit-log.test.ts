import { ManualClock } from '@heng/core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget, uniqueDbName } from '../couch/targets.fixture.ts';
import { auditDocId, GENESIS_HASH } from './chain.ts';
import { type AuditDoc, CouchAuditLog } from './couch-audit-log.ts';
import type { AuditRecord } from './types.ts';

describe.each(STORE_TARGETS)('the audit log on $name', (target: StoreTarget) => {
  beforeEach((context) => {
    if (target.skip) context.skip(target.skip);
  });

  let store: Awaited<ReturnType<(typeof STORE_TARGETS)[0]['open']>>;
  beforeAll(async () => {
    if (target.skip) return;
    store = await target.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  function record(n: number, extra: Partial<AuditRecord> = {}): AuditRecord {
    return {
      actor: 'user:admin',
      action: 'site.register',
      target: `site/s${n}`,
      outcome: 'ok',
      ...extra,
    };
  }

  async function freshLog(entries: number, clock?: ManualClock): Promise<CouchAuditLog> {
    const log = await CouchAuditLog.open(store.couch, {
      db: uniqueDbName('audit'),
      ...(clock ? { clock } : {}),
    });
    for (let n = 1; n <= entries; n++) await log.append(record(n));
    return log;
  }

  describe('CouchAuditLog', () => {
    test('chains entries in call order, the first to 64 zeros', async () => {
      const log = await freshLog(0);
      const written = await Promise.all([1, 2, 3].map((n) => log.append(record(n))));
      expect(written.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(written.map((e) => e.target)).toEqual(['site/s1', 'site/s2', 'site/s3']);
      expect(written[0]!.prev).toBe(GENESIS_HASH);
      expect(written[1]!.prev).toBe(written[0]!.hash);
      expect(written[2]!.prev).toBe(written[1]!.hash);
      expect(await log.verify()).toEqual({ ok: true, entries: 3 });
    });

    test('stores no secret given in the detail', async () => {
      const log = await freshLog(0);
      await log.append(
        record(1, { detail: { user: 'li.wei', password: 'hunter2hunter2', token: 'tok' } }),
      );
      const doc = await store.couch.db<AuditDoc>(log.dbName).get(auditDocId(1));
      expect(doc.detail).toEqual({ user: 'li.wei', password: '[redacted]', token: '[redacted]' });
      expect(JSON.stringify(doc)).not.toMatch(/hunter2|"tok"/);
      expect((await log.verify()).ok).toBe(true);
    });

    test('verification catches an edited entry', async () => {
      const log = await freshLog(4);
      const db = store.couch.db<AuditDoc>(log.dbName);
      const doc = await db.get(auditDocId(3));
      await db.insert({ ...doc, outcome: 'refused' });
      expect(await log.verify()).toEqual({
        ok: false,
        seq: 3,
        reason: expect.stringMatching(/altered/),
      });
    });

    test('verification catches a deleted entry', async () => {
      const log = await freshLog(4);
      const db = store.couch.db<AuditDoc>(log.dbName);
      const doc = await db.get(auditDocId(2));
      await db.destroy(doc._id, doc._rev!);
      expect(await log.verify()).toEqual({
        ok: false,
        seq: 2,
        reason: expect.stringMatching(/missing/),
      });
    });

    test('verification catches a reordered pair, even with the seq fields rewritten', async () => {
      const log = await freshLog(4);
      const db = store.couch.db<AuditDoc>(log.dbName);
      const two = await db.get(auditDocId(2));
      const three = await db.get(auditDocId(3));
      const { _rev: rev2, _id: id2, ...body2 } = two;
      const { _rev: rev3, _id: id3, ...body3 } = three;
      await db.insert({ ...body3, _id: id2, _rev: rev2 });
      await db.insert({ ...body2, _id: id3, _rev: rev3 });
      expect(await log.verify()).toEqual({
        ok: false,
        seq: 2,
        reason: expect.stringMatching(/reordered/),
      });

      const again = await freshLog(4);
      const db2 = store.couch.db<AuditDoc>(again.dbName);
      const a = await db2.get(auditDocId(2));
      const b = await db2.get(auditDocId(3));
      await db2.insert({ ...b, seq: 2, _id: a._id, _rev: a._rev });
      await db2.insert({ ...a, seq: 3, _id: b._id, _rev: b._rev });
      expect(await again.verify()).toMatchObject({ ok: false, seq: 2 });
    });

    test('two instances appending to one database at once still form one chain', async () => {
      const first = await freshLog(0);
      const second = new CouchAuditLog(store.couch, { db: first.dbName });
      const writes = [];
      for (let n = 1; n <= 15; n++) {
        writes.push(first.append(record(n, { actor: 'user:first' })));
        writes.push(second.append(record(n, { actor: 'user:second' })));
      }
      const entries = await Promise.all(writes);
      expect(new Set(entries.map((e) => e.seq)).size).toBe(30);
      expect(await first.verify()).toEqual({ ok: true, entries: 30 });
    });

    test('lists newest first, filtered, in pages that join up', async () => {
      const clock = new ManualClock(Date.parse('2026-03-01T00:00:00Z'));
      const log = await freshLog(0, clock);
      for (let n = 1; n <= 7; n++) {
        await clock.advance(60_000);
        await log.append(
          record(n, { outcome: n % 2 ? 'ok' : 'refused', actor: n > 5 ? 'edge:s' : 'user:admin' }),
        );
      }
      const first = await log.list({ limit: 3 });
      expect(first.entries.map((e) => e.seq)).toEqual([7, 6, 5]);
      const second = await log.list({ limit: 3, before: first.next! });
      expect(second.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
      const last = await log.list({ limit: 3, before: second.next! });
      expect(last).toEqual({ entries: [expect.objectContaining({ seq: 1 })] });

      expect((await log.list({ outcome: 'refused' })).entries.map((e) => e.seq)).toEqual([6, 4, 2]);
      expect((await log.list({ actor: 'edge:s' })).entries.map((e) => e.seq)).toEqual([7, 6]);
      expect((await log.list({ target: 'site/s3' })).entries.map((e) => e.seq)).toEqual([3]);
      const window = await log.list({
        since: '2026-03-01T00:03:00Z',
        until: '2026-03-01T00:05:00Z',
      });
      expect(window.entries.map((e) => e.seq)).toEqual([5, 4, 3]);
    });
  });
});
