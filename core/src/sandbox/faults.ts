/**
 * @module Turns what went wrong inside a plugin's QuickJS runtime into a HengError with a stable
 * code, so the lifecycle can tell a deadline from an allocation bomb from a plain throw.
 */
import { type HengErrorCode, PluginFaultError } from '@heng/schemas';

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
