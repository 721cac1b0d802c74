/**
 * @module @heng/core: the runtime that runs sandboxed plugins with only what their grant allows.
 * Web-standard APIs only; runs on Node, Deno and in browsers.
 */
export * from './api/index.ts';
export * from './apps/index.ts';
export * from './bus/index.ts';
export * from './capabilities/index.ts';
export {
  ManualClock,
  type Scheduler,
  systemScheduler,
  systemTime,
  type Timekeeper,
  type TimerHandle,
} from './clock/index.ts';
export * from './lifecycle/index.ts';
export * from './package/index.ts';
export * from './resources/index.ts';
export {
  type CallKind,
  type CallResult,
  DEFAULT_SANDBOX_LIMITS,
  HANDLERS,
  loadQuickJS,
  ModulePool,
  type ModulePoolOptions,
  PluginSandbox,
  processModules,
  type QuickJSModuleLike,
  type SandboxHealth,
  type SandboxIncident,
  type SandboxLimits,
  type SandboxOptions,
} from './sandbox/index.ts';
export * from './store/index.ts';
export { ENGINE_VERSION } from './version.ts';
