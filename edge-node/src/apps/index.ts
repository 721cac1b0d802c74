/** @module Apps at the edge: install records from the hub applied to the plugin host, status reported. */
export { EdgeApps, type EdgeAppsOptions, pouchRecords } from './edge-apps.ts';
