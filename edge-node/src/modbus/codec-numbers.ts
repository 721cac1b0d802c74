/**
 * @module The numeric raw types a register can hold: their width, range and DataView accessors.
 */
import type { DevicePoint } from '@heng/schemas';

/** The numeric data types of a point. */
export type NumericType = Exclude<DevicePoint['type'], 'bool' | 'string'>;

/** How one numeric type sits in big-endian bytes. */
export interface NumericLayout {
  /** Registers it spans. */
  width: number;
  /** Integers are rounded on encode and range-checked; floats are checked for overflow. */
  integer: boolean;
  min: number;
  max: number;
  get(view: DataView): number;
  set(view: DataView, value: number): void;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** The layout of every numeric type, read and written big-endian at byte 0. */
export const NUMERIC_LAYOUT: Readonly<Record<NumericType, NumericLayout>> = {
  int16: {
    width: 1,
    integer: true,
    min: -0x8000,
    max: 0x7fff,
    get: (v) => v.getInt16(0),
    set: (v, n) => v.setInt16(0, n),
  },
  uint16: {
    width: 1,
    integer: true,
    min: 0,
    max: 0xffff,
    get: (v) => v.getUint16(0),
    set: (v, n) => v.setUint16(0, n),
  },
  int32: {
    width: 2,
    integer: true,
    min: -0x80000000,
    max: 0x7fffffff,
    get: (v) => v.getInt32(0),
    set: (v, n) => v.setInt32(0, n),
  },
  uint32: {
    width: 2,
    integer: true,
    min: 0,
    max: 0xffffffff,
    get: (v) => v.getUint32(0),
    set: (v, n) => v.setUint32(0, n),
  },
  float32: {
    width: 2,
    integer: false,
    min: -FLOAT32_MAX,
    max: FLOAT32_MAX,
    get: (v) => v.getFloat32(0),
    set: (v, n) => v.setFloat32(0, n),
  },
  float64: {
    width: 4,
    integer: false,
    min: -Number.MAX_VALUE,
    max: Number.MAX_VALUE,
    get: (v) => v.getFloat64(0),
    set: (v, n) => v.setFloat64(0, n),
  },
};

/**
 * The shortest decimal that is the same float32, so that 123.456 written as a float32 reads
 * back as 123.456 and not as the double 123.45600128173828 it widens to.
 */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

/**
 * Drops the binary noise that scaling adds (3 × 0.1 = 0.30000000000000004 → 0.3). Fifteen
 * significant digits are always exact in a double, so nothing a device sent is lost.
 */
export function withoutNoise(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
}

/** Rounds half away from zero, as people expect of 2.5 and -2.5 alike (Math.round does not). */
export function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}
