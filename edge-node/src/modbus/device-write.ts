/**
 * @module Writing one point and confirming it: the checks, the write by table and width, and
 * a read-back compared with what the registers can hold of the value asked for.
 */
import { type DevicePoint, HengError, type ProfileDefaults } from '@heng/schemas';
import { decodePoint } from './codec.ts';
import { decodeReply } from './codec-reply.ts';
import { ModbusError, ModbusWriteMismatchError } from './errors.ts';
import type { LineDevice } from './line-device.ts';
import { coalesceReads } from './plan.ts';
import type { PointValue } from './types.ts';
import { checkWrite } from './write-check.ts';

/** A confirmed write. */
export interface WriteResult {
  point: string;
  /** The value asked for. */
  value: PointValue;
  /** The value read back after the write; absent for write-only points. */
  readBack?: PointValue;
  /**
   * Whether a read-back confirmed the value. False only for write-only points (access
   * "write"), which are not read: often momentary (a start coil the device clears itself).
   */
  confirmed: boolean;
  unit?: string;
  reason: string;
  ts: string;
}

export interface WriteRequest {
  line: LineDevice;
  point: DevicePoint;
  value: unknown;
  reason: string;
  defaults: ProfileDefaults;
  device: string;
}

/**
 * Float arithmetic in scale and offset (0.1 × 3 is 0.30000000000000004) is not a difference;
 * anything beyond a few ulps of the value is.
 */
function sameValue(a: PointValue, b: PointValue): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export async function writeAndConfirm(w: WriteRequest): Promise<WriteResult> {
  const { line, point, device, defaults } = w;
  const payload = checkWrite(point, w.value, { device, defaults });
  const value = w.value as PointValue;
  // What the registers hold of `value` (rounded to the scale's resolution, float32-narrowed):
  // the read-back must equal this, not the unrounded request.
  const raw = payload.table === 'coil' ? payload.bits : payload.words;
  const expected = decodePoint(point, raw, defaults);
  const context = { device, endpoint: line.endpoint, point: point.name };
  try {
    if (payload.table === 'coil') await line.writeCoils(payload.address, payload.bits);
    else await line.writeRegisters(payload.address, payload.words);
  } catch (err) {
    throw err instanceof ModbusError ? err.withContext(context) : err;
  }
  const done = { point: point.name, value, reason: w.reason };
  const unit = point.unit === undefined ? {} : { unit: point.unit };
  if (point.access === 'write') {
    return { ...done, ...unit, confirmed: false, ts: new Date().toISOString() };
  }
  const [request] = coalesceReads([point], { unit: line.unit });
  if (!request) throw new HengError('internal', `no read plan for point "${point.name}"`);
  let readBack: PointValue;
  try {
    const reply = await line.read(request.table, request.address, request.count);
    const [decoded] = decodeReply(request, reply, defaults);
    if (!decoded)
      throw new HengError('internal', `read-back of point "${point.name}" decoded nothing`);
    if ('error' in decoded) throw decoded.error;
    readBack = decoded.value;
  } catch (err) {
    throw err instanceof ModbusError ? err.withContext(context) : err;
  }
  if (!sameValue(expected, readBack)) {
    throw new ModbusWriteMismatchError(value, expected, readBack, {
      ...context,
      unit: line.unit,
      op: 'write',
      table: point.kind,
      address: point.address,
    });
  }
  return { ...done, readBack, ...unit, confirmed: true, ts: new Date().toISOString() };
}
