/**
 * @module Test fixture run as a child process: appends readings as fast as the store takes them
 * and prints each acknowledged count, until it is killed.
 */
import { SegmentedTelemetry } from './segmented.ts';
import { TelemetryStore } from './telemetry-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-writer DIR');
const segments = new SegmentedTelemetry(dir);
const store = new TelemetryStore({
  site: 'crash',
  segment: (name) => segments.segment(name),
  maxBatchReadings: 50,
  flushMs: 5,
});
let acked = 0;
for (let i = 0; ; i++) {
  const ack = store.append(`dev-${i % 3}`, {
    point: 'p',
    value: i,
    quality: 'good',
    ts: new Date().toISOString(),
  });
  void ack.then(() => {
    acked++;
    if (acked % 50 === 0) process.stdout.write(`acked ${acked}\n`);
  });
  if (i % 50 === 49) await ack;
}
