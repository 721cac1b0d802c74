/**
 * @module How many registers (or bits) a point takes in its Modbus table.
 */

import type { DevicePoint } from '@heng/schemas';
import { HengError } from '@heng/schemas';

const FIXED_WIDTH = {
  bool: 1,
  int16: 1,
  uint16: 1,
  int32: 2,
  uint32: 2,
  float32: 2,
  float64: 4,
} as const;

/**
 * The registers (for coils and discrete inputs: bits) a point spans from its address: 1 for
 * bool, int16 and uint16, 2 for the 32-bit types, 4 for float64, `length` for a string.
 *
 * @example pointWidth({ type: 'float32', … }) // 2
 */
export function pointWidth(point: DevicePoint): number {
  if (point.type !== 'string') return FIXED_WIDTH[point.type];
  // The schema requires `length` on strings; a point built in code may still lack it.
  if (point.length === undefined || !Number.isInteger(point.length) || point.length < 1) {
    throw new HengError(
      'invalid_input',
      `point "${point.name}" (${point.kind} ${point.address}) is a string without a length in registers`,
    );
  }
  return point.length;
}

/** The last address a point occupies, e.g. 11 for a float32 at 10. */
export function pointEnd(point: DevicePoint): number {
  return point.address + pointWidth(point) - 1;
}
