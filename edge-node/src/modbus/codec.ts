/**
 * @module The value codec: a point's raw registers or bits ↔ its value in engineering units,
 * for every data type, word and byte order, scale and offset of a device profile.
 */
import { type DevicePoint, HengError, type ProfileDefaults } from '@heng/schemas';
import { bytesToRegisters, type RegisterOrder, registersToBytes } from './codec-bytes.ts';
import {
  NUMERIC_LAYOUT,
  type NumericType,
  roundHalfAway,
  shortestFloat32,
  withoutNoise,
} from './codec-numbers.ts';
import { decodeString, encodeString } from './codec-string.ts';
import { pointWidth } from './point-width.ts';
import type { PointValue } from './types.ts';

/**
 * A value cannot be decoded from, or encoded into, a point's registers. The message names the
 * point, its table, address and type; `point` holds its name.
 */
export class CodecError extends HengError {
  readonly point: string;

  constructor(point: DevicePoint, reason: string) {
    super(
      'invalid_input',
      `point "${point.name}" (${point.kind} ${point.address}, ${point.type}): ${reason}`,
    );
    this.point = point.name;
  }
}

/** The raw form of a point: 16-bit words for registers, bits for coils and discrete inputs. */
export type RawValue = number[] | boolean[];

const isBitTable = (point: DevicePoint) => point.kind === 'coil' || point.kind === 'discrete-input';

/** The point's word and byte order: its own, else the profile's, else big (the Modbus standard). */
export function registerOrder(point: DevicePoint, defaults: ProfileDefaults = {}): RegisterOrder {
  return {
    wordOrder: point.wordOrder ?? defaults.wordOrder ?? 'big',
    byteOrder: point.byteOrder ?? defaults.byteOrder ?? 'big',
  };
}

/** The point's registers, checked to be 16-bit words, from `offset` of `raw`. */
function wordsOf(
  point: DevicePoint,
  raw: readonly number[] | readonly boolean[],
  offset: number,
): number[] {
  const width = pointWidth(point);
  const available = raw.length - offset;
  if (available < width) throw new CodecError(point, `needs ${width} registers, got ${available}`);
  const words = raw.slice(offset, offset + width);
  for (const word of words) checkWord(point, word);
  return words as number[];
}

function checkWord(point: DevicePoint, word: unknown): asserts word is number {
  if (typeof word !== 'number' || !Number.isInteger(word) || word < 0 || word > 0xffff)
    throw new CodecError(point, `register value ${String(word)} is not a 16-bit word`);
}

/**
 * Decodes a point from its raw registers (or bits), starting at index 0 of `raw`, into its value
 * in engineering units: raw × scale + offset for numbers, text up to the first NUL for strings.
 *
 * @example decodePoint({ type: 'int16', scale: 0.1, kind: 'input-register', … }, [0xff38]) // -20
 */
export function decodePoint(
  point: DevicePoint,
  raw: readonly number[] | readonly boolean[],
  defaults: ProfileDefaults = {},
): PointValue {
  return decodePointAt(point, raw, 0, defaults);
}

/**
 * `decodePoint` of the point whose registers start at index `at` of a whole reply, without
 * copying them out first (a poll decodes up to 125 points per reply).
 */
export function decodePointAt(
  point: DevicePoint,
  raw: readonly number[] | readonly boolean[],
  at: number,
  defaults: ProfileDefaults = {},
): PointValue {
  if (isBitTable(point)) {
    const bit = raw[at];
    if (typeof bit !== 'boolean') throw new CodecError(point, `needs 1 bit, got ${String(bit)}`);
    return bit;
  }
  let number: number;
  if (point.type === 'uint16' || point.type === 'int16' || point.type === 'bool') {
    // One register: no copy, no DataView.
    if (raw.length <= at) throw new CodecError(point, 'needs 1 registers, got 0');
    const word = raw[at];
    checkWord(point, word);
    if (point.type === 'bool') return word !== 0;
    const byteOrder = point.byteOrder ?? defaults.byteOrder ?? 'big';
    const swapped = byteOrder === 'little' ? ((word & 0xff) << 8) | (word >>> 8) : word;
    number = point.type === 'int16' ? (swapped << 16) >> 16 : swapped;
  } else {
    const words = wordsOf(point, raw, at);
    const order = registerOrder(point, defaults);
    if (point.type === 'string') return decodeString(words, order.byteOrder);
    const value = NUMERIC_LAYOUT[point.type].get(registersToBytes(words, order));
    number = point.type === 'float32' ? shortestFloat32(value) : value;
  }
  const scale = point.scale ?? 1;
  const offset = point.offset ?? 0;
  if (scale === 1 && offset === 0) return number;
  return withoutNoise(number * scale + offset);
}

function encodeNumber(
  point: DevicePoint & { type: NumericType },
  value: number,
  order: RegisterOrder,
): number[] {
  const layout = NUMERIC_LAYOUT[point.type];
  const scale = point.scale ?? 1;
  const offset = point.offset ?? 0;
  if (scale === 0) throw new CodecError(point, 'has scale 0, so no value can be written');
  const exact = (value - offset) / scale;
  const raw = layout.integer ? roundHalfAway(exact) : exact;
  const inverted =
    scale === 1 && offset === 0 ? '' : ` (raw ${raw} after offset ${offset} and scale ${scale})`;
  // float32 is checked by rounding, not against its max: 3.4028235e38, the shortest decimal
  // of the largest float32, is above that max as a double yet is the same float32.
  const fits =
    point.type === 'float32'
      ? Number.isFinite(Math.fround(raw))
      : raw >= layout.min && raw <= layout.max && Number.isFinite(raw);
  if (!fits)
    throw new CodecError(
      point,
      `${value}${inverted} does not fit a ${point.type} (${layout.min} to ${layout.max})`,
    );
  const view = new DataView(new ArrayBuffer(layout.width * 2));
  layout.set(view, raw);
  return bytesToRegisters(view, order);
}

/**
 * Encodes a value in engineering units into the raw registers (or bits) of a point: the
 * inverse of `decodePoint`. Integer types are rounded half away from zero after undoing scale
 * and offset. Throws a CodecError when the value has the wrong type, is not finite, does not
 * fit the raw type, or (strings) is longer than the point.
 *
 * @example encodePoint({ type: 'float32', kind: 'holding-register', … }, 123.456) // [0x42f6, 0xe979]
 */
export function encodePoint(
  point: DevicePoint,
  value: PointValue,
  defaults: ProfileDefaults = {},
): RawValue {
  const order = registerOrder(point, defaults);
  if (point.type === 'bool') {
    if (typeof value !== 'boolean')
      throw new CodecError(point, `needs true or false, got ${JSON.stringify(value)}`);
    return isBitTable(point) ? [value] : [value ? 1 : 0];
  }
  if (isBitTable(point))
    throw new CodecError(point, `a ${point.kind} holds one bit, not a ${point.type}`);
  if (point.type === 'string') {
    if (typeof value !== 'string')
      throw new CodecError(point, `needs a string, got ${JSON.stringify(value)}`);
    const words = encodeString(value, pointWidth(point), order.byteOrder);
    if (!Array.isArray(words))
      throw new CodecError(point, `${JSON.stringify(value)} ${words.refused}`);
    return words;
  }
  if (typeof value !== 'number')
    throw new CodecError(point, `needs a number, got ${JSON.stringify(value)}`);
  if (!Number.isFinite(value)) throw new CodecError(point, `${value} is not a finite number`);
  return encodeNumber(point as DevicePoint & { type: NumericType }, value, order);
}
