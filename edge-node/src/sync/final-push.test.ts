import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type EdgeDatabase, openDatabase, SegmentedTelemetry, segmentOf } from '../store/index.ts';
import { cappedBackoff } from './backoff.ts';
import { finalPushLine } from './final-push.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';
import { type RunningSync, type SyncStatus, startSync } from './index.ts';

const SITE = 'pumping-01';

let dir: string;
let hub: TestHub;
let control: EdgeDatabase;
let segments: SegmentedTelemetry;
const open: RunningSync[] = [];

/** A sync that finds new segments only when asked, as at the end of an edge's life. */
function sync(options: { token?: string } = {}) {
  const states: SyncStatus['state'][] = [];
  let told = () => {};
  const running = startSync({
    hub: hub.url,
    site: SITE,
    token: options.token ?? hub.tokens[SITE] ?? '',
    control,
    telemetry: segments,
    // The live pushes would wait a minute before trying again: the last push must not.
    backoff: { initialMs: 60_000, maxMs: 60_000 },
    statusEveryMs: 0,
    scanEveryMs: 0,
    onStatus: (status) => {
      states.push(status.state);
      told();
    },
  });
  open.push(running);
  const reached = (state: SyncStatus['state']) =>
    new Promise<void>((resolve) => {
      told = () => states.includes(state) && resolve();
      told();
    });
  return { running, reached };
}

function batch(id: string) {
  const ts = new Date().toISOString();
  return {
    _id: `tb/${id}`,
    type: 'telemetry-batch',
    site: SITE,
    device: 'pump-1',
    readings: [{ point: 'flow', value: 12.5, quality: 'good', ts }],
  };
}

const idsAtHub = async (db: 'control' | 'telemetry') =>
  (await hub.docs(SITE, db)).map((doc) => doc['_id']);

describe('pushPending (a stopping edge’s last push)', () => {
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heng-final-push-'));
    hub = await startTestHub({ dir: path.join(dir, 'hub'), sites: [SITE] });
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

  test('takes what the last flush wrote, in a segment no scan has seen yet, to the hub', async () => {
    const { running, reached } = sync();
    await reached('online');
    // A day segment the running sync has not found yet (no scan), and a control document.
    const segment = await segments.segment(segmentOf(Date.now()));
    await segment.bulkDocs([batch('last-1'), batch('last-2')]);
    await control.put({ _id: 'event/2026-12-01T00:00:00Z/e9', type: 'event', id: 'e9' });

    const report = await running.pushPending({ timeoutMs: 30_000 });

    expect(report).toEqual({ outcome: 'pushed', documents: expect.any(Number) });
    expect(report.documents).toBeGreaterThanOrEqual(3);
    // At the hub already when it resolves: no waiting on the store's feed.
    expect(await idsAtHub('telemetry')).toEqual(expect.arrayContaining(['tb/last-1', 'tb/last-2']));
    expect(await idsAtHub('control')).toContain('event/2026-12-01T00:00:00Z/e9');
    // The live pushes are over: what is written now waits for the next start.
    await segment.put(batch('after'));
    expect(await running.pushPending()).toBe(report);
    await running.dispose();
    expect(await idsAtHub('telemetry')).not.toContain('tb/after');
  });

  test('does not push again a segment the hub already has whole', async () => {
    const old = await segments.segment(segmentOf(Date.now() - 5 * 86_400_000));
    await old.put(batch('old'));
    const { running } = sync();
    await running.refresh();
    await running.caughtUp();
    expect(await idsAtHub('telemetry')).toEqual(['tb/old']);
    expect(await running.pushPending({ timeoutMs: 30_000 })).toEqual({
      outcome: 'pushed',
      documents: 0,
    });
  });

  test('fails at once when the hub is away, instead of waiting out its bound or a backoff', async () => {
    const { running, reached } = sync();
    await reached('online');
    await hub.stop();
    const segment = await segments.segment(segmentOf(Date.now()));
    await segment.put(batch('stranded'));

    // A bound far beyond the test's own timeout: only a failure can end this call in time.
    const report = await running.pushPending({ timeoutMs: 3_600_000 });

    expect(report.outcome).toBe('failed');
    expect(report.error).toBeTruthy();
    expect(report.error).not.toContain(hub.tokens[SITE]);
  });

  test('is skipped once the hub has refused the token', async () => {
    const { running } = sync({ token: 'not-a-token' });
    await running.stopped();
    expect(await running.pushPending()).toEqual({ outcome: 'skipped', documents: 0 });
  });
});

describe('finalPushLine', () => {
  test('says how much reached the hub, and that the rest goes at the next start', () => {
    expect(finalPushLine({ outcome: 'pushed', documents: 3 }, 5000)).toEqual({
      warn: false,
      message: 'pushed 3 document(s) to the hub before stopping',
    });
    expect(finalPushLine({ outcome: 'timeout', documents: 7 }, 5000)?.message).toBe(
      'the hub took 7 document(s) in 5000 ms; the rest goes to the hub at the next start',
    );
    expect(
      finalPushLine({ outcome: 'failed', documents: 0, error: 'connect ECONNREFUSED' }, 5000),
    ).toEqual({
      warn: true,
      message:
        'last push to the hub failed (connect ECONNREFUSED); the rest goes to the hub at the next start',
    });
    expect(finalPushLine({ outcome: 'skipped', documents: 0 }, 5000)).toBeUndefined();
  });
});

describe('cappedBackoff', () => {
  test('doubles from the first wait up to the cap it is given, 60 s unless told', () => {
    const waits = (next: (previous: number) => number) => {
      const seen: number[] = [];
      let wait = 0;
      for (let i = 0; i < 10; i++) {
        wait = next(wait);
        seen.push(wait);
      }
      return seen;
    };
    expect(waits(cappedBackoff()).slice(-3)).toEqual([60_000, 60_000, 60_000]);
    expect(waits(cappedBackoff()).slice(0, 3)).toEqual([1000, 2000, 4000]);
    expect(waits(cappedBackoff({ initialMs: 500, maxMs: 5000 }))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000, 5000,
    ]);
    // After a success PouchDB passes 0: the next failure waits the first wait again.
    expect(cappedBackoff({ maxMs: 5000 })(0)).toBe(1000);
  });
});
