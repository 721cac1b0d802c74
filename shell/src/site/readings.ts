/** @module From telemetry batches to what the site view shows: latest values and one point's history. */
import type { TelemetryBatch } from '@heng/schemas';
import type { ChartReading } from './point-chart.ts';

/** The latest reading of one point. */
export interface LatestReading {
  device: string;
  point: string;
  value: number | boolean | string;
  quality: string;
  ts: string;
}

/** The latest reading of every point in `batches`, sorted by device then point. */
export function latestReadings(batches: readonly TelemetryBatch[]): LatestReading[] {
  const latest = new Map<string, LatestReading>();
  for (const batch of batches)
    for (const r of batch.readings) {
      const key = `${batch.device}\u0000${r.point}`;
      const seen = latest.get(key);
      if (!seen || seen.ts < r.ts)
        latest.set(key, {
          device: batch.device,
          point: r.point,
          value: r.value,
          quality: r.quality,
          ts: r.ts,
        });
    }
  return [...latest.values()].sort(
    (a, b) => a.device.localeCompare(b.device) || a.point.localeCompare(b.point),
  );
}

/** The numeric readings of one point (booleans as 0/1), for the chart. */
export function pointHistory(
  batches: readonly TelemetryBatch[],
  device: string,
  point: string,
): ChartReading[] {
  const out: ChartReading[] = [];
  for (const batch of batches) {
    if (batch.device !== device) continue;
    for (const r of batch.readings) {
      if (r.point !== point) continue;
      if (typeof r.value === 'number') out.push({ ts: r.ts, value: r.value });
      else if (typeof r.value === 'boolean') out.push({ ts: r.ts, value: r.value ? 1 : 0 });
    }
  }
  return out;
}
