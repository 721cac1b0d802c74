/**
 * @module Bench fixture: the telemetry an edge stores while the hub is unreachable, written by the
 * edge's own `TelemetryStore` (its ids, fields and random revisions), one flush per second as its
 * one-second timer makes them at 100 readings/s: 10 devices × 10 points, so a batch of 10
 * readings per device per second.
 */
import { type BatchReading, HengError } from '@heng/schemas';
import { type SegmentedTelemetry, TelemetryStore } from '../src/store/index.ts';

export const DEVICES = 10;
export const POINTS = 10;

/** What `fillOffline` wrote: the segment and how many batch documents it holds. */
export interface OfflineBacklog {
  segment: string;
  batches: number;
}

/**
 * Stores `seconds` of readings from `start` (ms) into `segments`, as the edge of `site` would.
 * The clock is the store's own `now` option, moved a second per flush, so the documents are the
 * edge's without waiting an hour; `start` should keep the span within one UTC day, so that it
 * lands in one segment like an hour offline does on most days.
 *
 * @example const { batches } = await fillOffline(segments, 'catch-up', Date.UTC(2026, 2, 1, 8), 3600);
 */
export async function fillOffline(
  segments: SegmentedTelemetry,
  site: string,
  start: number,
  seconds: number,
): Promise<OfflineBacklog> {
  let clock = start;
  const names = new Set<string>();
  const store = new TelemetryStore({
    site,
    segment: (name) => {
      names.add(name);
      return segments.segment(name);
    },
    now: () => clock,
    // Flushes are made below, one a simulated second; no real timer may fire between them.
    flushMs: 3_600_000,
  });
  try {
    for (let s = 0; s < seconds; s++) {
      clock = start + s * 1000;
      const ts = new Date(clock).toISOString();
      const acks: Promise<void>[] = [];
      for (let d = 0; d < DEVICES; d++) {
        const readings: BatchReading[] = [];
        for (let p = 0; p < POINTS; p++)
          readings.push({ point: `p${p}`, value: (s + p) % 100, quality: 'good', ts });
        acks.push(store.appendMany(`meter-${String(d).padStart(2, '0')}`, readings));
      }
      clock += 999; // the flush comes just before the next second's readings
      await store.flush();
      await Promise.all(acks);
    }
  } finally {
    await store.close();
  }
  const [segment, ...more] = names;
  if (!segment || more.length > 0)
    throw new HengError(
      'internal',
      `hour-offline fixture: the backlog spans segments ${[...names].join(', ')}; pick a start and length within one UTC day`,
    );
  return { segment, batches: seconds * DEVICES };
}
