/** @module The edge's local store: telemetry in day segments of PouchDB on LevelDB. */
export {
  databasesUnder,
  type EdgeDatabase,
  type OpenDatabaseOptions,
  openDatabase,
} from './pouch.ts';
export { type RetentionPolicy, SegmentedTelemetry } from './segmented.ts';
export { isSegment, SEGMENT_PREFIX, segmentOf } from './segments.ts';
export { TelemetryStore, type TelemetryStoreOptions } from './telemetry-store.ts';
