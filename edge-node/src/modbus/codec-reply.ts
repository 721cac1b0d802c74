/**
 * @module Decoding a reply to a planned read into the values of the points it serves.
 */
import type { DevicePoint, ProfileDefaults } from '@heng/schemas';
import { CodecError, decodePointAt } from './codec.ts';
import { ModbusFrameError } from './errors.ts';
import type { PointValue, RawReply, ReadRequest } from './types.ts';

/** One point's value from a reply, or why it could not be decoded. */
export type DecodedPoint =
  | { point: DevicePoint; value: PointValue }
  | { point: DevicePoint; error: CodecError };

function shapeError(request: ReadRequest, got: string): ModbusFrameError {
  const unitName = request.table.endsWith('register') ? 'registers' : 'bits';
  return new ModbusFrameError(`has ${got} where ${request.count} ${unitName} were asked for`, {
    unit: request.unit,
    op: 'read',
    table: request.table,
    address: request.address,
    count: request.count,
  });
}

/**
 * The values of every point a planned request serves, decoded from the device's reply. A
 * reply of the wrong kind or too short is the device's fault and fails the whole request (a
 * ModbusFrameError, as for any malformed reply); a point that cannot be decoded alone is
 * reported beside the others.
 *
 * @example
 * ```ts
 * import { ModbusLine } from './line.ts';
 * import { coalesceReads } from './plan.ts';
 * import { TcpTransport } from './transport-tcp.ts';
 *
 * await using line = new ModbusLine({ transport: new TcpTransport({ host, port }) });
 * const lamp = line.attach({ unit: 1 });
 * for (const request of coalesceReads(streetlight.points, { unit: 1 })) {
 *   const reply = await lamp.read(request.table, request.address, request.count);
 *   for (const d of decodeReply(request, reply, streetlight.defaults))
 *     console.log(d.point.name, 'value' in d ? d.value : d.error.message);
 * }
 * ```
 */
export function decodeReply(
  request: ReadRequest,
  reply: RawReply,
  defaults: ProfileDefaults = {},
): DecodedPoint[] {
  const bitTable = request.table === 'coil' || request.table === 'discrete-input';
  let raw: readonly number[] | readonly boolean[];
  if (bitTable) {
    if (!('bits' in reply)) throw shapeError(request, 'registers');
    raw = reply.bits;
  } else {
    if (!('words' in reply)) throw shapeError(request, 'bits');
    raw = reply.words;
  }
  if (raw.length < request.count) throw shapeError(request, `only ${raw.length}`);
  return request.points.map(({ point, offset }) => {
    try {
      return { point, value: decodePointAt(point, raw, offset, defaults) };
    } catch (err) {
      if (err instanceof CodecError) return { point, error: err };
      throw err;
    }
  });
}
