/**
 * @module String points: UTF-8 text, two bytes per register, NUL-padded on the wire.
 */
import type { ByteOrder } from '@heng/schemas';
import { bytesToRegisters, registersToBytes } from './codec-bytes.ts';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

// Strings are a sequence of characters, not one number, so word order does not apply; only a
// device that swaps the two bytes of each register (byte order "little") changes the layout.
const orderOf = (byteOrder: ByteOrder) => ({ wordOrder: 'big', byteOrder }) as const;

/** The text in `words`, up to its first NUL (what follows a terminator is often stale memory). */
export function decodeString(words: readonly number[], byteOrder: ByteOrder): string {
  const view = registersToBytes(words, orderOf(byteOrder));
  const bytes = new Uint8Array(view.buffer);
  const nul = bytes.indexOf(0);
  return decoder.decode(nul === -1 ? bytes : bytes.subarray(0, nul));
}

/**
 * The registers for `text`, NUL-padded to `length` registers. Returns a reason instead when it
 * cannot be sent: too long for the point, or holding a NUL that would end it early.
 */
export function encodeString(
  text: string,
  length: number,
  byteOrder: ByteOrder,
): number[] | { refused: string } {
  if (text.includes('\0')) return { refused: 'contains a NUL character, which ends a string' };
  const encoded = encoder.encode(text);
  if (encoded.length > length * 2)
    return {
      refused: `is ${encoded.length} bytes of UTF-8, more than the ${length * 2} that ${length} registers hold`,
    };
  const bytes = new Uint8Array(length * 2);
  bytes.set(encoded);
  return bytesToRegisters(new DataView(bytes.buffer), orderOf(byteOrder));
}
