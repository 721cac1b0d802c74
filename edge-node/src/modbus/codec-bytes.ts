/**
 * @module Registers ↔ bytes: puts a point's 16-bit registers into one buffer in the value's own
 * big-endian byte order (ABCD), undoing the device's word and byte order, and back.
 */
import type { ByteOrder } from '@heng/schemas';

/** How a device lays a multi-register value out: word order across registers, byte order within. */
export interface RegisterOrder {
  wordOrder: ByteOrder;
  byteOrder: ByteOrder;
}

/**
 * The bytes of a value, most significant first, from the registers as they came off the wire.
 * Word order "little" means the last register holds the most significant word (CDAB); byte
 * order "little" means each register's low byte is its more significant one (BADC).
 */
export function registersToBytes(words: readonly number[], order: RegisterOrder): DataView {
  const view = new DataView(new ArrayBuffer(words.length * 2));
  const last = words.length - 1;
  for (let i = 0; i <= last; i++) {
    const word = words[order.wordOrder === 'big' ? i : last - i] as number;
    view.setUint16(i * 2, word, order.byteOrder === 'little');
  }
  return view;
}

/** The registers to send for a value whose bytes are in `view`, most significant first. */
export function bytesToRegisters(view: DataView, order: RegisterOrder): number[] {
  const count = view.byteLength / 2;
  const words = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    words[order.wordOrder === 'big' ? i : count - 1 - i] = view.getUint16(
      i * 2,
      order.byteOrder === 'little',
    );
  }
  return words;
}
