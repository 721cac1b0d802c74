/**
 * @module Decoding a reply to a planned read into the values of the points it serves.
 */
import { HengError, type ProfileDefaults } from '@heng/schemas';
import { CodecError, decodePoint } from './codec.ts';
import type { DevicePoint, PointValue, RawReply, ReadRequest, Table } from './types.ts';

/** One point's value from a reply, or why it could not be decoded. */
export type DecodedPoint =
  | { point: DevicePoint; value: PointValue }
  | { point: DevicePoint; error: CodecError };

/** A reply does not fit the request it answers: bits for registers, or fewer than asked for. */
export class ReplyShapeError extends HengError {
  readonly unit: number;
  readonly table: Table;
  readonly address: number;
  readonly count: number;

  constructor(request: ReadRequest, got: string) {
    const unitName = request.table.endsWith('register') ? 'registers' : 'bits';
    super(
      'invalid_input',
      `reply to unit ${request.unit} ${request.table} ${request.address}-${request.address + request.count - 1} has ${got} where ${request.count} ${unitName} were asked for`,
    );
    this.unit = request.unit;
    this.table = request.table;
    this.address = request.address;
    this.count = request.count;
  }
}

/**
 * The values of every point a planned request serves, decoded from the device's reply. A
 * reply of the wrong kind or too short is the device's fault and fails the whole request
 * (ReplyShapeError); a point that cannot be decoded alone is reported beside the others.
 *
 * @example for (const d of decodeReply(request, await transport.read(...), profile.defaults)) …
 */
export function decodeReply(
  request: ReadRequest,
  reply: RawReply,
  defaults: ProfileDefaults = {},
): DecodedPoint[] {
  const bitTable = request.table === 'coil' || request.table === 'discrete-input';
  let raw: readonly number[] | readonly boolean[];
  if (bitTable) {
    if (!('bits' in reply)) throw new ReplyShapeError(request, 'registers');
    raw = reply.bits;
  } else {
    if (!('words' in reply)) throw new ReplyShapeError(request, 'bits');
    raw = reply.words;
  }
  if (raw.length < request.count) throw new ReplyShapeError(request, `only ${raw.length}`);
  return request.points.map(({ point, offset, width }) => {
    try {
      return { point, value: decodePoint(point, raw.slice(offset, offset + width), defaults) };
    } catch (err) {
      if (err instanceof CodecError) return { point, error: err };
      throw err;
    }
  });
}
