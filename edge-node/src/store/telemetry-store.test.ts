import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TelemetryBatch } from '@heng/schemas';
import { assertTelemetryBatch } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SegmentedTelemetry, segmentOf, TelemetryStore } from './index.ts';
import { MAX_DOC_READINGS } from './telemetry-store.ts';

let dir: string;
let segments: SegmentedTelemetry;
const NOW = Date.parse('2026-11-28T08:00:00Z');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-telemetry-'));
  segments = new SegmentedTelemetry(dir);
});

afterEach(async () => {
  await segments.close();
  await rm(dir, { recursive: true, force: true });
});

const reading = (point: string, value: number, second = 0) => ({
  point,
  value,
  quality: 'good' as const,
  ts: new Date(NOW + second * 1000).toISOString(),
});

async function batches(day = segmentOf(NOW)): Promise<TelemetryBatch[]> {
  const db = await segments.segment(day);
  const all = await db.allDocs<TelemetryBatch>({ include_docs: true });
  return all.rows.map((row) => row.doc!);
}

describe('TelemetryStore', () => {
  test('writes one immutable batch per device per flush, valid against the schema', async () => {
    const store = new TelemetryStore({
      site: 'env-03',
      segment: (n) => segments.segment(n),
      now: () => NOW,
    });
    const acks = [
      store.append('aqm-1', reading('pm25', 12)),
      store.append('aqm-2', reading('pm25', 30)),
      store.append('aqm-1', reading('pm10', 20, 1)),
    ];
    await store.flush();
    await Promise.all(acks);
    const written = await batches();
    expect(written).toHaveLength(2);
    for (const batch of written) assertTelemetryBatch({ ...batch, _rev: undefined });
    const aqm1 = written.find((b) => b.device === 'aqm-1')!;
    expect(aqm1).toMatchObject({
      site: 'env-03',
      count: 2,
      from: reading('pm25', 0, 0).ts,
      to: reading('pm10', 0, 1).ts,
    });
    expect(aqm1.readings.map((r) => r.point)).toEqual(['pm25', 'pm10']);
    await store.close();
  });

  test('acknowledges a reading only once its batch is written', async () => {
    const store = new TelemetryStore({
      site: 's',
      segment: (n) => segments.segment(n),
      now: () => NOW,
      flushMs: 60_000,
    });
    let acked = false;
    const ack = store.append('d', reading('p', 1)).then(() => {
      acked = true;
    });
    await Promise.resolve();
    expect(acked).toBe(false);
    expect(await batches()).toEqual([]);
    await store.flush();
    await ack;
    expect(acked).toBe(true);
    expect(await batches()).toHaveLength(1);
    await store.close();
  });

  test('flushes by itself when a batch is full', async () => {
    const store = new TelemetryStore({
      site: 's',
      segment: (n) => segments.segment(n),
      now: () => NOW,
      maxBatchReadings: 3,
      flushMs: 60_000,
    });
    await Promise.all([1, 2, 3].map((v) => store.append('d', reading('p', v))));
    expect((await batches())[0]?.count).toBe(3);
    await store.close();
  });

  test('flushes by itself after flushMs', async () => {
    const store = new TelemetryStore({
      site: 's',
      segment: (n) => segments.segment(n),
      now: () => NOW,
      flushMs: 10,
    });
    await store.append('d', reading('p', 1));
    expect(await batches()).toHaveLength(1);
    await store.close();
  });

  test('keeps readings through a failing write and writes them, in order, when it can', async () => {
    let fail = true;
    const store = new TelemetryStore({
      site: 's',
      now: () => NOW,
      flushMs: 60_000,
      segment: async (n) => {
        if (fail) throw new Error('disk full');
        return segments.segment(n);
      },
    });
    const first = store.append('d', reading('p', 1));
    await store.flush();
    expect(store.waiting).toBe(1);
    const second = store.append('d', reading('p', 2, 1));
    fail = false;
    await store.flush();
    await Promise.all([first, second]);
    expect((await batches())[0]?.readings.map((r) => r.value)).toEqual([1, 2]);
    await store.close();
  });

  test('refuses readings beyond what it may hold unwritten, naming the site', async () => {
    const store = new TelemetryStore({
      site: 'pump-2',
      now: () => NOW,
      flushMs: 60_000,
      maxWaitingReadings: 2,
      segment: async () => {
        throw new Error('disk gone');
      },
    });
    void store.append('d', reading('p', 1)).catch(() => {});
    void store.append('d', reading('p', 2)).catch(() => {});
    await expect(store.append('d', reading('p', 3))).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('pump-2'),
    });
  });
});

describe('TelemetryStore.appendMany', () => {
  test('takes a whole poll with one acknowledgement, settled once it is written, in order', async () => {
    const store = new TelemetryStore({
      site: 's',
      segment: (n) => segments.segment(n),
      now: () => NOW,
      flushMs: 60_000,
    });
    let acked = false;
    const ack = store
      .appendMany('lamp-1', [reading('dimming', 80), reading('power', 118.5), reading('on', 1)])
      .then(() => {
        acked = true;
      });
    await Promise.resolve();
    expect(acked).toBe(false);
    expect(store.waiting).toBe(3);
    await store.flush();
    await ack;
    const [batch] = await batches();
    expect(batch?.readings.map((r) => r.point)).toEqual(['dimming', 'power', 'on']);
    await store.close();
  });

  test('refuses a poll that would pass maxWaitingReadings, and takes none of it', async () => {
    const store = new TelemetryStore({
      site: 'pump-2',
      now: () => NOW,
      flushMs: 60_000,
      maxWaitingReadings: 3,
      segment: async () => {
        throw new Error('disk gone');
      },
    });
    void store.appendMany('d', [reading('p', 1), reading('p', 2)]).catch(() => {});
    await expect(
      store.appendMany('pump', [reading('p', 3), reading('p', 4)]),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/pump-2.*device pump/),
    });
    expect(store.waiting).toBe(2);
  });

  test('writes a backlog larger than one document may hold as several valid documents', async () => {
    const store = new TelemetryStore({
      site: 's',
      segment: (n) => segments.segment(n),
      now: () => NOW,
      flushMs: 60_000,
      maxBatchReadings: 100_000,
    });
    const many = Array.from({ length: MAX_DOC_READINGS + 5 }, (_, i) => reading('p', i));
    await Promise.all([store.appendMany('d', many), store.flush()]);
    const written = (await batches()).sort((a, b) => b.count - a.count);
    expect(written.map((b) => b.count)).toEqual([MAX_DOC_READINGS, 5]);
    for (const batch of written) assertTelemetryBatch({ ...batch, _rev: undefined });
    await store.close();
  });
});

describe('SegmentedTelemetry.retain', () => {
  async function fill(days: string[]) {
    for (const day of days) {
      const ms = Date.parse(`${day}T12:00:00Z`);
      const store = new TelemetryStore({
        site: 's',
        segment: (n) => segments.segment(n),
        now: () => ms,
      });
      await Promise.all([store.append('d', reading('p', 1)), store.flush()]);
      await store.close();
    }
  }

  test('drops the oldest replicated segments beyond the count, never the newest', async () => {
    await fill(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
    const dropped = await segments.retain({ maxSegments: 2, isReplicated: async () => true });
    expect(dropped).toEqual(['telemetry-20261125', 'telemetry-20261126']);
    expect(await segments.names()).toEqual(['telemetry-20261127', 'telemetry-20261128']);
  });

  test('never drops a segment the hub does not have yet, whatever the disk budget', async () => {
    await fill(['2026-11-26', '2026-11-27', '2026-11-28']);
    const dropped = await segments.retain({
      maxBytes: 1,
      isReplicated: async (name) => name !== 'telemetry-20261127',
    });
    expect(dropped).toEqual(['telemetry-20261126']);
    expect(await segments.names()).toEqual(['telemetry-20261127', 'telemetry-20261128']);
  });
});
