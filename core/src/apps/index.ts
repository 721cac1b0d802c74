/**
 * @module Apps where they run: install records applied to a plugin host, the package verified
 * against the record and the trusted keys, the state reported back.
 */
export { AppRunner, type AppRunnerOptions } from './app-runner.ts';
export * from './documents.ts';
export type { AppRecords, StoredDoc } from './records.ts';
export { type PluginReport, PluginStatusWriter } from './status-writer.ts';
export { installVerified, type VerifiedInstallInput } from './verified-install.ts';
