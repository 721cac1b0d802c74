import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { siteDbName } from '@heng/hub/couch';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type EdgeDatabase, openDatabase, SegmentedTelemetry, segmentOf } from '../store/index.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';
import { type RunningSync, type SyncStatus, startSync } from './index.ts';

const SITE = 'lighting-01';
const DAY = 86_400_000;
const FAST = { initialMs: 20, maxMs: 200 };

let dir: string;
let hub: TestHub;
let token: string;
let control: EdgeDatabase;
let segments: SegmentedTelemetry;
const open: RunningSync[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heng-sync-'));
  hub = await startTestHub({ dir: path.join(dir, 'hub'), sites: [SITE] });
  token = hub.tokens[SITE] ?? '';
  control = await openDatabase(path.join(dir, 'edge'), 'control');
  segments = new SegmentedTelemetry(path.join(dir, 'edge', 'telemetry'));
});

afterEach(async () => {
  for (const sync of open.splice(0)) await sync.dispose();
  await segments.close();
  await control.close();
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a sync and hands every status to the waiters of `statusWhere`. */
function sync(options: { token?: string; now?: () => number } = {}) {
  const waiters = new Set<(status: SyncStatus) => void>();
  const running = startSync({
    hub: hub.url,
    site: SITE,
    token: options.token ?? token,
    control,
    telemetry: segments,
    backoff: FAST,
    statusEveryMs: 0,
    scanEveryMs: 0,
    ...(options.now ? { now: options.now } : {}),
    onStatus: (status) => {
      for (const waiter of waiters) waiter(status);
    },
  });
  open.push(running);
  const statusWhere = (check: (status: SyncStatus) => boolean) =>
    new Promise<SyncStatus>((resolve) => {
      if (check(running.status())) return resolve(running.status());
      const waiter = (status: SyncStatus) => {
        if (!check(status)) return;
        waiters.delete(waiter);
        resolve(status);
      };
      waiters.add(waiter);
    });
  return { running, statusWhere };
}

/** Waits, on the store's changes feed, until the hub's database holds what `check` wants. */
async function atHub(
  db: 'control' | 'telemetry',
  check: (docs: Array<Record<string, unknown>>) => boolean,
): Promise<Array<Record<string, unknown>>> {
  const scope = hub.couch.db(siteDbName(SITE, db));
  let since: string | number = 0;
  for (;;) {
    const docs = await hub.docs(SITE, db);
    if (check(docs)) return docs;
    const changes: { last_seq: string | number } = await scope.changes({
      feed: 'longpoll',
      since,
      timeout: 5000,
    });
    since = changes.last_seq;
  }
}

/** Waits until the edge's control database has the document `id`. */
async function atEdge(id: string): Promise<Record<string, unknown>> {
  const feed = control.changes({ live: true, since: 'now' });
  try {
    const arrived = new Promise<void>((resolve) =>
      feed.on('change', (change) => {
        if (change.id === id) resolve();
      }),
    );
    try {
      return (await control.get(id)) as unknown as Record<string, unknown>;
    } catch {
      await arrived;
      return (await control.get(id)) as unknown as Record<string, unknown>;
    }
  } finally {
    feed.cancel();
  }
}

function batch(id: string, ts: string) {
  return {
    _id: `batch/${id}`,
    type: 'telemetry-batch',
    site: SITE,
    device: 'lamp-1',
    readings: [{ point: 'dimming', value: 40, quality: 'good', ts }],
  };
}

const day1 = Date.parse('2026-11-27T12:00:00Z');

describe('startSync', () => {
  test('pushes telemetry of every day segment, across a day boundary and to catch up older days', async () => {
    let now = day1;
    const old = await segments.segment(segmentOf(day1 - 3 * DAY));
    await old.put(batch('old', '2026-11-24T12:00:00Z'));
    const first = await segments.segment(segmentOf(day1));
    await first.put(batch('a', '2026-11-27T12:00:00Z'));
    const { running } = sync({ now: () => now });
    await running.refresh();
    await atHub('telemetry', (docs) => docs.length === 2);

    now = day1 + DAY;
    const second = await segments.segment(segmentOf(now));
    await second.put(batch('b', '2026-11-28T00:00:01Z'));
    await first.put(batch('late', '2026-11-27T23:59:59Z'));
    await running.refresh();
    const docs = await atHub('telemetry', (all) => all.length === 4);
    expect(docs.map((doc) => doc['_id']).sort()).toEqual([
      'batch/a',
      'batch/b',
      'batch/late',
      'batch/old',
    ]);

    // The catch-up of the oldest day is done, so retention may drop it; the live days it may not.
    await running.caughtUp();
    expect(await running.isReplicated(segmentOf(day1 - 3 * DAY), old)).toBe(true);
    expect(await running.isReplicated(segmentOf(day1), first)).toBe(false);
    now = day1 + 2 * DAY;
    await running.refresh();
    await running.caughtUp();
    expect(await running.isReplicated(segmentOf(day1), first)).toBe(true);
    const dropped = await segments.retain({
      maxSegments: 1,
      isReplicated: (name, db) => running.isReplicated(name, db),
    });
    expect(dropped).toEqual([segmentOf(day1 - 3 * DAY), segmentOf(day1)]);
  });

  test('replicates control documents both ways and reports the site status', async () => {
    const { running, statusWhere } = sync();
    await control.put({
      _id: 'plugin-status/com.example.lamps',
      type: 'plugin-status',
      state: 'active',
    });
    await atHub('control', (docs) =>
      docs.some((d) => d['_id'] === 'plugin-status/com.example.lamps'),
    );
    await hub.couch
      .db(siteDbName(SITE, 'control'))
      .insert({ _id: 'command/c1', type: 'command', value: 40 } as never);
    expect(await atEdge('command/c1')).toMatchObject({ type: 'command', value: 40 });

    const online = await statusWhere((s) => s.state === 'online' && s.lastSyncAt !== undefined);
    expect(online.pending).toBeDefined();
    await running.statusWritten();
    const status = await atHub('control', (docs) =>
      docs.some((d) => d['_id'] === 'site-status/current'),
    );
    expect(status.find((d) => d['_id'] === 'site-status/current')).toMatchObject({
      type: 'site-status',
      site: SITE,
      state: 'online',
      pending: { push: expect.any(Number), pull: expect.any(Number) },
      version: expect.any(String),
    });
  });

  test('keeps storing while the hub is away, then delivers every document once', async () => {
    const { running, statusWhere } = sync();
    await statusWhere((s) => s.state === 'online');
    await hub.stop();
    const today = await segments.segment(segmentOf(Date.now()));
    for (let i = 0; i < 20; i++) await today.put(batch(`offline-${i}`, new Date().toISOString()));
    await control.put({ _id: 'event/2026-11-27T12:00:00Z/e1', type: 'event', id: 'e1' });
    await running.refresh();
    await statusWhere((s) => s.state === 'offline');

    await hub.start();
    const telemetry = await atHub('telemetry', (docs) => docs.length >= 20);
    const ids = telemetry.map((doc) => doc['_id']);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    await atHub('control', (docs) =>
      docs.some((d) => d['_id'] === 'event/2026-11-27T12:00:00Z/e1'),
    );
    await statusWhere((s) => s.state === 'online');
  });

  test('stops for good when the hub refuses the token, and says so', async () => {
    const { running, statusWhere } = sync({ token: 'revoked-token' });
    const denied = await statusWhere((s) => s.state === 'denied');
    expect(denied.error).toMatch(/401/);
    expect(JSON.stringify(denied)).not.toContain('revoked-token');
    await running.stopped();
    const refused = await hub.refusedRequests();
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(10);
    // Nothing retries: more edge writes and a new scan reach nobody (a request already on the
    // wire when it stopped may still land, so the count is bounded rather than exact).
    await control.put({ _id: 'event/x/y', type: 'event' });
    await running.refresh();
    expect(await hub.refusedRequests()).toBeLessThan(10);
    // No request of this site's edge was ever let through to the store.
    expect(hub.lastSeen(SITE)).toBeUndefined();
    expect(running.status().state).toBe('denied');
  });
});
