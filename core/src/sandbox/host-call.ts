/**
 * @module The host side of `__hengHost(op, argsJson)`: parses what the plugin sent, asks the
 * broker, and answers with JSON text, at once or through a promise settled later.
 */
import { HengError, toHengError } from '@heng/schemas';
import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
} from 'quickjs-emscripten-core';
import type { HostBridge } from '../capabilities/types.ts';

/** What the sandbox lends the host call: its VM, its broker, and a way to settle replies. */
export interface HostCallSite {
  vm: QuickJSContext;
  bridge: HostBridge;
  /** Deferred replies not yet settled; the sandbox disposes them when it goes. */
  pending: Set<QuickJSDeferredPromise>;
  /** Whether replies may still be delivered. */
  alive(): boolean;
  /** Runs the plugin's promise jobs after a reply was delivered. */
  pump(): void;
}

export function hostCall(
  site: HostCallSite,
  opHandle: QuickJSHandle,
  argsHandle: QuickJSHandle,
): QuickJSHandle {
  const { vm } = site;
  const reply = (body: object) => vm.newString(JSON.stringify(body));
  const refuse = (error: unknown) => reply({ error: toHengError(error).toJSON() });
  if (vm.typeof(opHandle) !== 'string' || vm.typeof(argsHandle) !== 'string') {
    return refuse(new HengError('invalid_input', 'host call needs (op: string, args: JSON text)'));
  }
  const op = vm.getString(opHandle);
  let args: unknown;
  try {
    args = JSON.parse(vm.getString(argsHandle));
  } catch {
    return refuse(new HengError('invalid_input', `host call ${op}: arguments are not JSON`));
  }
  if (!Array.isArray(args)) {
    return refuse(new HengError('invalid_input', `host call ${op}: arguments must be an array`));
  }
  let out: unknown;
  try {
    out = site.bridge(op, args);
  } catch (error) {
    return refuse(error);
  }
  if (!(out instanceof Promise)) return reply({ value: out ?? null });
  const deferred = vm.newPromise();
  site.pending.add(deferred);
  const settle = (body: object) => {
    if (!site.pending.delete(deferred)) return;
    if (!site.alive()) {
      deferred.dispose();
      return;
    }
    const text = vm.newString(JSON.stringify(body));
    deferred.resolve(text);
    text.dispose();
    deferred.dispose();
    site.pump();
  };
  out.then(
    (value) => settle({ value: value ?? null }),
    (error) => settle({ error: toHengError(error).toJSON() }),
  );
  return deferred.handle;
}
