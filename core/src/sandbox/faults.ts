/**
 * @module Turns what went wrong inside a plugin's QuickJS runtime into a HengError with a stable
 * code, so the lifecycle can tell a deadline from an allocation bomb from a plain throw.
 */
import { type HengErrorCode, PluginFaultError } from '@heng/schemas';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/** What the sandbox knows about a fault that escaped the plugin's own error handling. */
export interface FaultInfo {
  name?: string;
  message?: string;
}

export function classifyFault(pluginId: string, info: FaultInfo): PluginFaultError {
  const name = String(info.name ?? 'Error');
  const message = String(info.message ?? '');
  let code: HengErrorCode = 'plugin_crashed';
  let text = `${name}: ${message}`;
  if (name === 'InternalError' && message === 'interrupted') {
    code = 'deadline_exceeded';
    text = 'ran past its CPU deadline and was interrupted';
  } else if (/out of memory/i.test(message)) {
    code = 'memory_exceeded';
    text = 'exceeded its memory limit';
  } else if (/stack overflow/i.test(message)) {
    text = 'overflowed its stack (too deep recursion)';
  } else if (name === 'NonError') {
    text = message;
  }
  return new PluginFaultError(code, `plugin ${pluginId} ${text}`);
}

/**
 * Reads name and message of a thrown value without trusting it (they may be getters or a
 * Proxy: the caller runs this under a deadline), and frees its handle.
 */
export function describeThrown(vm: QuickJSContext, errorHandle: QuickJSHandle): FaultInfo {
  try {
    if (vm.typeof(errorHandle) !== 'object') return { message: String(vm.dump(errorHandle)) };
    const read = (key: string) => {
      const prop = vm.getProp(errorHandle, key);
      const text = vm.typeof(prop) === 'string' ? vm.getString(prop) : undefined;
      prop.dispose();
      return text;
    };
    return { name: read('name'), message: read('message') };
  } catch {
    return { message: 'threw something unreadable' };
  } finally {
    if (errorHandle.alive) errorHandle.dispose();
  }
}
