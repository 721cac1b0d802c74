/** @module Node-RED at the edge: the embedded editor and the PouchDB storage module. */
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
