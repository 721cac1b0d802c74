/** @module Plugin lifecycle: install checks, running plugins, quarantine and restart backoff. */
export { type ActivationDeps, ActivePlugin } from './activation.ts';
export { DEFAULT_RESTART_POLICY, FaultHistory, type RestartPolicy } from './backoff.ts';
export { PluginHost, type PluginHostOptions, type PluginState, type PluginStatus } from './host.ts';
export {
  type InstallRequest,
  MAX_BUNDLE_BYTES,
  type PreparedPlugin,
  preparePlugin,
  sandboxLimitsOf,
} from './install.ts';
