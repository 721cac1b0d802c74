/** @module The QuickJS sandbox that each plugin runs in. */
export { classifyFault } from './faults.ts';
export { type CallKind, HANDLERS } from './prelude.ts';
export { loadQuickJS, type QuickJSModuleLike } from './quickjs.ts';
export {
  type CallResult,
  DEFAULT_SANDBOX_LIMITS,
  PluginSandbox,
  type SandboxLimits,
  type SandboxOptions,
} from './sandbox.ts';
