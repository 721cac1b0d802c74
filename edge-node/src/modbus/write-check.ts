/**
 * @module The checks a write passes before anything reaches the wire: access, type, limits,
 * and that the value encodes into the point's registers.
 */
import {
  type DevicePoint,
  HengError,
  type HengErrorCode,
  type ProfileDefaults,
} from '@heng/schemas';
import { CodecError, encodePoint } from './codec.ts';
import type { PointValue } from './types.ts';

/** What a checked write sends: bits to coils (FC 5/15) or words to holding registers (FC 6/16). */
export type WritePayload =
  | { table: 'coil'; address: number; bits: boolean[] }
  | { table: 'holding-register'; address: number; words: number[] };

/** Why a write was refused. */
export type WriteRefusal = 'access' | 'type' | 'not-finite' | 'limit' | 'encoding';

/** Options of `checkWrite`. */
export interface WriteCheckOptions {
  /** The device's name, for the message. */
  device?: string;
  /** The profile's defaults (word and byte order). */
  defaults?: ProfileDefaults;
}

/**
 * A write refused before it reached the device. `reason` says which check refused it; for
 * `limit`, `limit` holds the bound it crossed. Access refusals are `permission_denied`, bad
 * values `invalid_input`.
 */
export class WriteRefusedError extends HengError {
  readonly device: string | undefined;
  readonly point: string;
  readonly reason: WriteRefusal;
  readonly limit: number | undefined;

  constructor(
    point: DevicePoint,
    options: WriteCheckOptions,
    reason: WriteRefusal,
    detail: string,
    extra: { limit?: number; cause?: unknown } = {},
  ) {
    const code: HengErrorCode = reason === 'access' ? 'permission_denied' : 'invalid_input';
    const target = options.device
      ? `point "${point.name}" of device "${options.device}"`
      : `point "${point.name}"`;
    super(code, `refused write to ${target} (${point.kind} ${point.address}): ${detail}`, {
      cause: extra.cause,
    });
    this.device = options.device;
    this.point = point.name;
    this.reason = reason;
    this.limit = extra.limit;
  }
}

const EXPECTED: Record<DevicePoint['type'], 'boolean' | 'number' | 'string'> = {
  bool: 'boolean',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  uint32: 'number',
  float32: 'number',
  float64: 'number',
  string: 'string',
};

/**
 * Checks a command's value against the point's profile entry and returns what to write:
 * the point must be writable (access `write` or `readwrite`, a coil or holding register), the
 * value of its type (boolean, number or string), finite, within `min`/`max` in engineering
 * units, and encodable into its registers.
 *
 * @throws WriteRefusedError naming the device, the point and the limit that refused it.
 * @example checkWrite(dimming, 80, { device: 'lamp-7', defaults }) // { table: 'holding-register', address: 0, words: [80] }
 */
export function checkWrite(
  point: DevicePoint,
  value: unknown,
  options: WriteCheckOptions = {},
): WritePayload {
  const refuse = (
    reason: WriteRefusal,
    detail: string,
    extra?: { limit?: number; cause?: unknown },
  ) => new WriteRefusedError(point, options, reason, detail, extra);
  if (point.access === 'read') throw refuse('access', 'the point is read-only (access "read")');
  if (point.kind !== 'coil' && point.kind !== 'holding-register')
    throw refuse('access', `a ${point.kind} cannot be written`);
  const expected = EXPECTED[point.type];
  if (typeof value !== expected)
    throw refuse('type', `a ${point.type} point takes a ${expected}, got ${describe(value)}`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse('not-finite', `${value} is not a finite number`);
    const unit = point.unit ? ` ${point.unit}` : '';
    if (point.min !== undefined && value < point.min)
      throw refuse('limit', `${value}${unit} is below its min ${point.min}${unit}`, {
        limit: point.min,
      });
    if (point.max !== undefined && value > point.max)
      throw refuse('limit', `${value}${unit} is above its max ${point.max}${unit}`, {
        limit: point.max,
      });
  }
  let raw: number[] | boolean[];
  try {
    raw = encodePoint(point, value as PointValue, options.defaults);
  } catch (err) {
    if (!(err instanceof CodecError)) throw err;
    throw refuse('encoding', err.message, { cause: err });
  }
  return point.kind === 'coil'
    ? { table: 'coil', address: point.address, bits: raw as boolean[] }
    : { table: 'holding-register', address: point.address, words: raw as number[] };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `the ${typeof value} ${String(value)}`;
}
