/** @module Plugin lifecycle: install checks, running plugins, quarantine and restart backoff. */
export { ActivePlugin, type ActivationDeps } from './activation.ts';
export { DEFAULT_RESTART_POLICY, FaultHistory, type RestartPolicy } from './backoff.ts';
export { PluginHost, type PluginHostOptions, type PluginState, type PluginStatus } from './host.ts';
export {
  MAX_BUNDLE_BYTES,
  type InstallRequest,
  type PreparedPlugin,
  preparePlugin,
  sandboxLimitsOf,
} from './install.ts';
