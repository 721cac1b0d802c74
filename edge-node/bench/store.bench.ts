/**
 * @module Edge store benchmark: readings/s through the telemetry store (batching, acknowledging)
 * against bare PouchDB `bulkDocs` of the same batch documents, both on LevelDB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compare, type Result } from '../../bench/measure.ts';
import { openDatabase, SegmentedTelemetry, TelemetryStore } from '../src/store/index.ts';

const DEVICES = 10;
const PER_DEVICE = 100;
const FLUSHES = 20;

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-store-bench-'));
  const segments = new SegmentedTelemetry(path.join(dir, 'heng'));
  const store = new TelemetryStore({
    site: 'bench',
    segment: (name) => segments.segment(name),
    maxBatchReadings: DEVICES * PER_DEVICE,
    flushMs: 60_000,
  });
  const bare = await openDatabase(dir, 'bare');
  const ts = new Date().toISOString();
  let n = 0;

  const heng = async () => {
    const start = performance.now();
    for (let f = 0; f < FLUSHES; f++) {
      const acks: Array<Promise<void>> = [];
      for (let d = 0; d < DEVICES; d++) {
        for (let r = 0; r < PER_DEVICE; r++) {
          acks.push(store.append(`dev-${d}`, { point: 'power', value: n++, quality: 'good', ts }));
        }
      }
      await Promise.all(acks);
    }
    return (FLUSHES * DEVICES * PER_DEVICE) / ((performance.now() - start) / 1000);
  };

  const baseline = async () => {
    const start = performance.now();
    for (let f = 0; f < FLUSHES; f++) {
      const docs = [];
      for (let d = 0; d < DEVICES; d++) {
        const readings = [];
        for (let r = 0; r < PER_DEVICE; r++)
          readings.push({ point: 'power', value: n++, quality: 'good', ts });
        docs.push({
          _id: `tb/${f}/${d}/${n}`,
          type: 'telemetry-batch',
          site: 'bench',
          device: `dev-${d}`,
          readings,
          from: ts,
          to: ts,
          count: PER_DEVICE,
        });
      }
      await bare.bulkDocs(docs);
    }
    return (FLUSHES * DEVICES * PER_DEVICE) / ((performance.now() - start) / 1000);
  };

  report(
    await compare(
      'telemetry store flush vs bare bulkDocs (LevelDB)',
      'readings/s',
      heng,
      baseline,
      {
        goal: '≥ 0.9 of bare',
      },
    ),
  );
  await store.close();
  await segments.close();
  await bare.close();
  await rm(dir, { recursive: true, force: true });
}
