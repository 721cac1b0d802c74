/**
 * @module Reads the JSON text a plugin's prelude hands back (`{ value }` or `{ fault }`) without
 * trusting it: type and size are checked before it is copied out, and text that is not JSON is a
 * fault, never a host exception.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

export type ReplyText = { json: unknown } | { tooLarge: number } | { broken: string };

/** Reads and frees `handle`. */
export function readReplyText(
  vm: QuickJSContext,
  handle: QuickJSHandle,
  maxChars: number,
): ReplyText {
  try {
    if (vm.typeof(handle) !== 'string') {
      return { broken: 'answered the host with something other than JSON text' };
    }
    const lengthHandle = vm.getProp(handle, 'length');
    const length = vm.getNumber(lengthHandle);
    lengthHandle.dispose();
    if (length > maxChars) return { tooLarge: length };
    return { json: JSON.parse(vm.getString(handle)) };
  } catch {
    return { broken: 'answered the host with text that is not JSON' };
  } finally {
    handle.dispose();
  }
}
