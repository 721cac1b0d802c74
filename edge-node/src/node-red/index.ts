/** @module Node-RED at the edge: the embedded editor, its admin API, the PouchDB storage module. */
export { adminHeaders, adminPost } from './admin-client.ts';
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
  versionId,
} from './storage.ts';
