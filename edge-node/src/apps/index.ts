/** @module Apps at the edge: install records from the hub applied to the plugin host, status reported. */
export * from './documents.ts';
export { EdgeApps, type EdgeAppsOptions } from './edge-apps.ts';
export { type PluginReport, PluginStatusWriter } from './status-writer.ts';
export { installVerified, type VerifiedInstallInput } from './verified-install.ts';
