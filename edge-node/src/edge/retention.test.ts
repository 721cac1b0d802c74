import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SegmentedTelemetry, segmentOf } from '../store/index.ts';
import { markPushed } from '../sync/index.ts';
import { TelemetryRetention, type TelemetryRetentionOptions } from './retention.ts';

const DAY = 86_400_000;
const today = Date.parse('2026-11-28T12:00:00Z');
const days = [3, 2, 1, 0].map((ago) => segmentOf(today - ago * DAY));

let dir: string;
let segments: SegmentedTelemetry;
const warnings: string[] = [];
const running: TelemetryRetention[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heng-retention-'));
  segments = new SegmentedTelemetry(dir);
  for (const name of days) {
    const db = await segments.segment(name);
    await db.put({ _id: `batch/${name}`, type: 'telemetry-batch', readings: [] });
  }
  warnings.length = 0;
});

afterEach(async () => {
  for (const retention of running.splice(0)) await retention.dispose();
  await segments.close();
  await rm(dir, { recursive: true, force: true });
});

/** A retention schedule that runs at start only, its warnings collected. */
async function retention(options: Partial<TelemetryRetentionOptions> = {}) {
  const started = new TelemetryRetention({
    segments,
    maxSegments: 1,
    everyMs: 0,
    log: { info: () => {}, warn: (line) => warnings.push(line) },
    ...options,
  });
  running.push(started);
  // The run it makes at start.
  await started.idle();
  return started;
}

describe('telemetry retention', () => {
  test('at start, an edge that never synced keeps every segment past its bounds and says so', async () => {
    const started = await retention();
    expect(await segments.names()).toEqual(days);
    expect(warnings.join('\n')).toMatch(/over its bounds \(4 day segments.*kept/);
    expect(await started.run()).toEqual({ dropped: [], overBounds: true });
  });

  test('without a hub, drops the oldest segments an earlier sync marked as at the hub', async () => {
    for (const name of days.slice(0, 2)) {
      const db = await segments.segment(name);
      await markPushed(db, Number((await db.info()).update_seq));
    }
    await retention();
    expect(await segments.names()).toEqual(days.slice(2));
  });

  test('with a hub, asks the sync, oldest first, and stops at the first segment not at the hub', async () => {
    const asked: string[] = [];
    const started = await retention({
      isReplicated: async (name) => {
        asked.push(name);
        return name !== days[1];
      },
    });
    expect(await segments.names()).toEqual(days.slice(1));
    expect(asked).toEqual(days.slice(0, 2));
    expect(await started.run()).toEqual({ dropped: [], overBounds: true });
  });

  test('never drops the segment being written, even past the byte bound', async () => {
    const started = await retention({
      maxSegments: 10,
      maxBytes: 1,
      isReplicated: async () => true,
    });
    expect(await segments.names()).toEqual(days.slice(-1));
    expect(await started.run()).toEqual({ dropped: [], overBounds: true });
  });

  test('runs no more once disposed', async () => {
    const started = await retention({ isReplicated: async () => true, maxSegments: 10 });
    await started.dispose();
    expect(await started.run()).toBeUndefined();
  });
});
