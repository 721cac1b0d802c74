/** @module The QuickJS sandbox that each plugin runs in. */
export { classifyFault } from './faults.ts';
export type { HostTraffic } from './host-call.ts';
export type { SandboxIncident } from './module-home.ts';
export {
  loadQuickJS,
  ModulePool,
  type ModulePoolOptions,
  processModules,
  type SandboxHealth,
} from './module-pool.ts';
export { type CallKind, HANDLERS } from './prelude.ts';
export type { QuickJSModuleLike } from './quickjs.ts';
export {
  type CallResult,
  DEFAULT_MAX_ARGS_CHARS,
  DEFAULT_SANDBOX_LIMITS,
  PluginSandbox,
  type SandboxLimits,
  type SandboxOptions,
} from './sandbox.ts';
