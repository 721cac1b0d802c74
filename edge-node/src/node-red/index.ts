/** @module Node-RED at the edge: the embedded editor, its admin API, the PouchDB storage module. */
export { adminGet, adminHeaders, adminPost } from './admin-client.ts';
export {
  type EditorAddress,
  readEditorAddress,
  runningEditorOf,
} from './editor-address.ts';
export { adminFileIn, editorAddressFileIn } from './folder-layout.ts';
export { serveStoredReadings } from './readings-route.ts';
export {
  type AdminCredentials,
  adminCredentials,
  type EditorOptions,
  type RunningEditor,
  startEditor,
} from './runtime.ts';
export {
  type FlowsVersion,
  type PouchStorage,
  type PouchStorageOptions,
  pouchStorage,
} from './storage.ts';
export {
  DEFAULT_READINGS_LIMIT,
  latestStoredReadings,
  MAX_SCANNED_BATCHES,
  READINGS_ROUTE,
  type StoredReadings,
  type StoredReadingsQuery,
  type StoredReadingsSource,
} from './stored-readings.ts';
