/**
 * @module The shapes the Modbus parts of the edge node share: the four tables, a planned read
 * request and its points, the raw replies, and the transport a line drives. A device's profile
 * and its points are the schema's types (`DeviceProfile`, `DevicePoint` from `@heng/schemas`).
 */
import type { DevicePoint } from '@heng/schemas';

/** The four Modbus tables. Bits: coil, discrete-input. Words: input-register, holding-register. */
export type Table = DevicePoint['kind'];

/** Protocol limits (Modbus application protocol v1.1b3). */
export const MODBUS_LIMITS = {
  /** Registers one read (FC 3, 4) may ask for. */
  maxReadRegisters: 125,
  /** Bits one read (FC 1, 2) may ask for. */
  maxReadBits: 2000,
  /** Registers one write (FC 16) may carry. */
  maxWriteRegisters: 123,
  /** Bits one write (FC 15) may carry. */
  maxWriteBits: 1968,
} as const;

/** Where one point sits inside a planned read: `offset` registers (or bits) from its start. */
export interface PlannedPoint {
  point: DevicePoint;
  offset: number;
  /** Registers (or bits) it spans: 1 for bool/int16/uint16, 2 for 32-bit, 4 for float64, length for string. */
  width: number;
}

/** One request a plan sends: a contiguous span of one table, and the points it serves. */
export interface ReadRequest {
  unit: number;
  table: Table;
  address: number;
  count: number;
  points: PlannedPoint[];
}

/** A raw reply to a read: bits for coil/discrete-input, 16-bit words for registers. */
export type RawReply = { bits: boolean[] } | { words: number[] };

/** A decoded value of one point, in engineering units. */
export type PointValue = number | boolean | string;

/** One request/response exchange on a line (TCP connection or serial port), no scheduling. */
export interface ModbusTransport extends AsyncDisposable {
  /** Opens the connection; rejects with a ConnectionError naming host:port or the port path. */
  connect(): Promise<void>;
  readonly connected: boolean;
  read(
    unit: number,
    table: Table,
    address: number,
    count: number,
    timeoutMs: number,
  ): Promise<RawReply>;
  writeCoils(unit: number, address: number, values: boolean[], timeoutMs: number): Promise<void>;
  writeRegisters(unit: number, address: number, words: number[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
