/**
 * @module The host side of `__hengHost(op, argsJson)`: charges the call to the plugin's entry,
 * refuses arguments over the call's limit before copying them, parses what the plugin sent, asks
 * the broker, and answers with JSON text, at once or through a promise settled later.
 */
import { HengError, toHengError } from '@heng/schemas';
import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
} from 'quickjs-emscripten-core';
import type { HostBridge } from '../capabilities/types.ts';

/** Longest op name the prelude sends; anything longer is not an op. */
const MAX_OP_CHARS = 64;

/** What a plugin's host calls moved across the boundary, for accounting and tests. */
export interface HostTraffic {
  /** Host calls made. */
  calls: number;
  /** Calls refused unread because their arguments were over the call's limit. */
  refused: number;
  /** Characters of argument text copied out of the sandbox. */
  charsOut: number;
  /** Characters of reply text copied into the sandbox. */
  charsIn: number;
}

/** What the sandbox lends the host call: its VM, its broker, its budget and a way to settle replies. */
export interface HostCallSite {
  vm: QuickJSContext;
  bridge: HostBridge;
  traffic: HostTraffic;
  /** Deferred replies not yet settled; the sandbox disposes them when it goes. */
  pending: Set<QuickJSDeferredPromise>;
  /** The longest argument text `op` accepts. */
  maxArgsChars(op: string): number;
  /** False when the entry must end now (its deadline has passed). */
  checkpoint(op: string): boolean;
  /** Charges argument text about to be copied; false when the entry's budget is spent. */
  charge(op: string, chars: number): boolean;
  /** Whether replies may still be delivered. */
  alive(): boolean;
  /** Runs the plugin's promise jobs after a reply was delivered. */
  pump(): void;
}

/**
 * Serves one host call. Returns the reply text, or `null` when the entry must end: the prelude
 * then spins until the interrupt handler stops the entry, which no plugin code can catch.
 */
export function hostCall(
  site: HostCallSite,
  opHandle: QuickJSHandle,
  argsHandle: QuickJSHandle,
): QuickJSHandle {
  const { vm, traffic } = site;
  traffic.calls++;
  const reply = (body: object) => {
    const text = JSON.stringify(body);
    traffic.charsIn += text.length;
    return vm.newString(text);
  };
  const refuse = (error: unknown) => reply({ error: toHengError(error).toJSON() });
  if (vm.typeof(opHandle) !== 'string' || vm.typeof(argsHandle) !== 'string') {
    return refuse(new HengError('invalid_input', 'host call needs (op: string, args: JSON text)'));
  }
  if (lengthOf(vm, opHandle) > MAX_OP_CHARS) {
    return refuse(new HengError('invalid_input', 'host call needs the name of an operation'));
  }
  const op = vm.getString(opHandle);
  if (!site.checkpoint(op)) return vm.null;
  // Measured where it lies, so an oversized argument is refused without being copied.
  const length = lengthOf(vm, argsHandle);
  const limit = site.maxArgsChars(op);
  if (length > limit) {
    traffic.refused++;
    const error = new HengError(
      'payload_too_large',
      `${op}: its arguments are ${length} characters of JSON, over the limit of ${limit} for this call`,
    );
    site.bridge.refused?.(op, error);
    return refuse(error);
  }
  if (!site.charge(op, length)) return vm.null;
  traffic.charsOut += length;
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
  let refusal: { error: unknown } | undefined;
  try {
    out = site.bridge(op, args);
  } catch (error) {
    refusal = { error };
  }
  // The time the call took is the entry's too.
  if (!site.checkpoint(op)) {
    if (out instanceof Promise) out.catch(() => {});
    return vm.null;
  }
  if (refusal) return refuse(refusal.error);
  if (!(out instanceof Promise)) return reply({ value: out ?? null });
  const deferred = vm.newPromise();
  site.pending.add(deferred);
  const settle = (body: object) => {
    if (!site.pending.delete(deferred)) return;
    if (!site.alive()) {
      deferred.dispose();
      return;
    }
    const text = JSON.stringify(body);
    traffic.charsIn += text.length;
    const handle = vm.newString(text);
    deferred.resolve(handle);
    handle.dispose();
    deferred.dispose();
    site.pump();
  };
  out.then(
    (value) => settle({ value: value ?? null }),
    (error) => settle({ error: toHengError(error).toJSON() }),
  );
  return deferred.handle;
}

/** The length of a string in the plugin's heap (UTF-16 code units), read without copying it. */
function lengthOf(vm: QuickJSContext, text: QuickJSHandle): number {
  const handle = vm.getProp(text, 'length');
  const length = vm.getNumber(handle);
  handle.dispose();
  return length;
}
