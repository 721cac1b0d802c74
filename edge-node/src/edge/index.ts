/**
 * @module An edge site in one process: stores and their retention, bus, Node-RED with the
 * palette, commands, apps, sync.
 */

export { EdgePlugins, type EdgePluginsOptions } from '../apps/index.ts';
export {
  DEFAULT_RETENTION,
  type RetentionRun,
  type RetentionSettings,
  TelemetryRetention,
  type TelemetryRetentionOptions,
} from './retention.ts';
export { type EdgeOptions, type RunningEdge, startEdge } from './start.ts';
