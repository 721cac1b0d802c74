/**
 * @module The read planner: merges a device's readable points into as few Modbus read
 * requests as pay off, within the protocol's limits.
 */
import { type DevicePoint, HengError } from '@heng/schemas';
import { pointWidth } from './point-width.ts';
import { MODBUS_LIMITS, type PlannedPoint, type ReadRequest, type Table } from './types.ts';

/** How far apart two points may be and still share a request: registers, and bits. */
export interface GapLimits {
  registers: number;
  bits: number;
}

/**
 * The default bridges: reading 8 unused registers (16 bytes) or 64 unused bits (8 bytes)
 * costs about what one more request's headers cost, and much less than its round trip.
 *
 * The cost model: a request costs a fixed overhead, its headers (Modbus TCP: 12 bytes out and
 * 9 back; RTU: 8 out, 5 back, plus 3.5 characters of silence each way) and, far more, one
 * round trip including the device's turnaround (a few ms on a serial line, where only one
 * request may be in flight). Each register bridged costs 2 bytes of reply, each bit 1/8 byte.
 * So bridging a gap is cheaper while 2 × gap bytes stay under the header overhead: about 10
 * registers or 80 bits even ignoring the round trip. The defaults stay a little under that
 * because some devices refuse a read that touches unmapped registers (exception 02): set
 * `maxGap` to 0 for those, or larger on slow serial lines where round trips dominate.
 */
export const DEFAULT_MAX_GAP: Readonly<GapLimits> = { registers: 8, bits: 64 };

/** Options of `coalesceReads`. */
export interface PlanOptions {
  /** The Modbus unit id the requests address. */
  unit: number;
  /** Largest run of unwanted registers/bits read to save a request; see DEFAULT_MAX_GAP. */
  maxGap?: Partial<GapLimits>;
  /** Lower per-request limits for devices that accept less than the protocol allows. */
  limits?: { maxReadRegisters?: number; maxReadBits?: number };
}

// Function codes 1, 2, 3, 4 in order, so a plan reads the tables in the order of the protocol.
const TABLES: readonly Table[] = ['coil', 'discrete-input', 'holding-register', 'input-register'];

const isBits = (table: Table) => table === 'coil' || table === 'discrete-input';

function limitOf(options: PlanOptions, bits: boolean): number {
  const protocol = bits ? MODBUS_LIMITS.maxReadBits : MODBUS_LIMITS.maxReadRegisters;
  const asked = bits ? options.limits?.maxReadBits : options.limits?.maxReadRegisters;
  if (asked === undefined) return protocol;
  if (!Number.isInteger(asked) || asked < 1 || asked > protocol)
    throw new HengError(
      'invalid_input',
      `read limit ${asked} ${bits ? 'bits' : 'registers'} for unit ${options.unit} must be an integer from 1 to ${protocol}`,
    );
  return asked;
}

function gapOf(options: PlanOptions, bits: boolean): number {
  const gap = bits
    ? (options.maxGap?.bits ?? DEFAULT_MAX_GAP.bits)
    : (options.maxGap?.registers ?? DEFAULT_MAX_GAP.registers);
  if (!Number.isInteger(gap) || gap < 0)
    throw new HengError(
      'invalid_input',
      `maxGap ${gap} ${bits ? 'bits' : 'registers'} for unit ${options.unit} must be a whole number ≥ 0`,
    );
  return gap;
}

function planTable(
  table: Table,
  points: readonly DevicePoint[],
  options: PlanOptions,
): ReadRequest[] {
  const bits = isBits(table);
  const limit = limitOf(options, bits);
  const maxGap = gapOf(options, bits);
  const sorted = points
    .map((point) => ({ point, width: pointWidth(point) }))
    .sort((a, b) => a.point.address - b.point.address || b.width - a.width);
  const requests: ReadRequest[] = [];
  let current: { request: ReadRequest; end: number } | undefined;
  for (const { point, width } of sorted) {
    if (width > limit)
      throw new HengError(
        'invalid_input',
        `point "${point.name}" (${table} ${point.address}) spans ${width}, more than one read of unit ${options.unit} may ask for (${limit})`,
      );
    const end = point.address + width; // exclusive
    if (current) {
      const { request } = current;
      const gap = point.address - current.end; // negative when points overlap
      const newEnd = Math.max(current.end, end);
      if (gap <= maxGap && newEnd - request.address <= limit) {
        request.points.push({ point, offset: point.address - request.address, width });
        current.end = newEnd;
        request.count = newEnd - request.address;
        continue;
      }
    }
    const request: ReadRequest = {
      unit: options.unit,
      table,
      address: point.address,
      count: width,
      points: [{ point, offset: 0, width } satisfies PlannedPoint],
    };
    requests.push(request);
    current = { request, end };
  }
  return requests;
}

/**
 * Plans the reads for a device's points: per table (function codes 1 to 4 in order), sorted by
 * address, neighbours merged into one request within 125 registers / 2000 bits (or lower
 * `limits`), a gap between them bridged only up to `maxGap`. Points without read access are
 * left out. Profiles are expected to have passed `parseProfile`, which refuses overlaps; the
 * planner still reads overlapping points correctly.
 *
 * @example
 * coalesceReads(profile.points, { unit: 1 })
 * // [{ unit: 1, table: 'input-register', address: 0, count: 12, points: [...] }, ...]
 */
export function coalesceReads(points: readonly DevicePoint[], options: PlanOptions): ReadRequest[] {
  if (!Number.isInteger(options.unit) || options.unit < 0 || options.unit > 255)
    throw new HengError(
      'invalid_input',
      `unit id ${options.unit} must be an integer from 0 to 255`,
    );
  const readable = points.filter((p) => p.access === 'read' || p.access === 'readwrite');
  return TABLES.flatMap((table) => {
    const mine = readable.filter((p) => p.kind === table);
    return mine.length === 0 ? [] : planTable(table, mine, options);
  });
}
