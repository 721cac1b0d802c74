/**
 * @module The Modbus error family: exception replies, timeouts, lost connections, malformed
 * frames and offline devices, each naming the device, unit, table and address it concerns.
 */
import { type ErrorInfo, HengError, type HengErrorCode, type HengErrorJSON } from '@heng/schemas';
import type { Table } from './types.ts';

/** Where a Modbus failure happened; every field that is known is named in the message. */
export interface ModbusWhere {
  /** `tcp 127.0.0.1:502` or `rtu /dev/ttyUSB0`. */
  endpoint?: string;
  /** The device's id on the site (a profile id when nothing better is known). */
  device?: string;
  unit?: number;
  op?: 'read' | 'write';
  table?: Table;
  address?: number;
  count?: number;
  point?: string;
}

/**
 * Machine-readable failure kinds for `ErrorInfo.code` (readings, command outcomes). They are
 * not `HengErrorCode`s yet: the `code` of these errors stays within the existing union.
 */
export type ModbusFailure =
  | 'device_exception'
  | 'device_timeout'
  | 'device_unreachable'
  | 'device_bad_frame'
  | 'device_offline'
  | 'write_not_confirmed';

/** JSON form: the base fields plus where it happened and the failure kind. */
export interface ModbusErrorJSON extends HengErrorJSON {
  failure: ModbusFailure;
  where: ModbusWhere;
  exceptionCode?: number;
}

function describeWhere(w: ModbusWhere): string {
  const parts: string[] = [];
  if (w.device !== undefined) parts.push(`device "${w.device}"`);
  if (w.unit !== undefined) parts.push(`unit ${w.unit}`);
  if (w.table !== undefined) {
    const span =
      w.address === undefined
        ? ''
        : w.count !== undefined && w.count > 1
          ? ` ${w.address}..${w.address + w.count - 1}`
          : ` ${w.address}`;
    parts.push(`${w.op ? `${w.op} ` : ''}${w.table}${span}`);
  }
  if (w.point !== undefined) parts.push(`point "${w.point}"`);
  if (w.endpoint !== undefined) parts.push(`via ${w.endpoint}`);
  return parts.join(', ');
}

/** Base of every Modbus failure. `problem` says what went wrong, `where` where. */
export class ModbusError extends HengError {
  readonly failure: ModbusFailure;
  readonly where: ModbusWhere;
  readonly problem: string;

  constructor(
    code: HengErrorCode,
    failure: ModbusFailure,
    problem: string,
    where: ModbusWhere,
    options: { cause?: unknown } = {},
  ) {
    const at = describeWhere(where);
    super(code, at ? `${problem} (${at})` : problem, options);
    this.failure = failure;
    this.where = where;
    this.problem = problem;
  }

  /**
   * The same error with more context (the line knows the device name, the device client the
   * point); a copy, so an error already handed to someone else never changes under them.
   */
  withContext(extra: ModbusWhere): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    Object.defineProperties(copy, Object.getOwnPropertyDescriptors(this));
    const where = { ...this.where, ...extra };
    Object.defineProperty(copy, 'where', { value: where, enumerable: true });
    Object.defineProperty(copy, 'message', {
      value: `${this.problem} (${describeWhere(where)})`,
      writable: true,
      configurable: true,
    });
    return copy;
  }

  /** What a reading or a command outcome carries: the failure kind and the message. */
  toErrorInfo(): ErrorInfo {
    return { code: this.failure, message: this.message };
  }

  override toJSON(): ModbusErrorJSON {
    return { ...super.toJSON(), failure: this.failure, where: this.where };
  }
}

/** Names of the exception codes (Modbus application protocol v1.1b3, section 7). */
export const MODBUS_EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  7: 'negative acknowledge',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

/** The device answered with an exception reply: it is alive but refused the request. */
export class ModbusExceptionError extends ModbusError {
  readonly exceptionCode: number;
  readonly exceptionName: string;

  constructor(exceptionCode: number, where: ModbusWhere, options: { cause?: unknown } = {}) {
    const name = MODBUS_EXCEPTION_NAMES[exceptionCode] ?? 'unknown exception';
    super(
      'internal',
      'device_exception',
      `Modbus exception ${exceptionCode} (${name})`,
      where,
      options,
    );
    this.exceptionCode = exceptionCode;
    this.exceptionName = name;
  }

  override toJSON(): ModbusErrorJSON {
    return { ...super.toJSON(), exceptionCode: this.exceptionCode };
  }
}

/** No (complete) reply within the request's timeout. */
export class ModbusTimeoutError extends ModbusError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, where: ModbusWhere, options: { cause?: unknown } = {}) {
    super('deadline_exceeded', 'device_timeout', `no reply within ${timeoutMs} ms`, where, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The connection could not be opened, or it was refused, reset or closed (mid-reply too). */
export class ModbusConnectionError extends ModbusError {
  constructor(problem: string, where: ModbusWhere, options: { cause?: unknown } = {}) {
    super('internal', 'device_unreachable', problem, where, options);
  }
}

/** A reply arrived but is malformed: wrong length, function, unit or checksum. */
export class ModbusFrameError extends ModbusError {
  constructor(problem: string, where: ModbusWhere, options: { cause?: unknown } = {}) {
    super('internal', 'device_bad_frame', `malformed reply: ${problem}`, where, options);
  }
}

/**
 * Not sent: the device is offline after repeated failures, and only a probe now and then
 * goes to it so that it cannot hold up the other devices on its line.
 */
export class ModbusOfflineError extends ModbusError {
  readonly retryAt: string;

  constructor(retryAt: Date, where: ModbusWhere, options: { cause?: unknown } = {}) {
    super(
      'deadline_exceeded',
      'device_offline',
      `device is offline, next probe at ${retryAt.toISOString()}`,
      where,
      options,
    );
    this.retryAt = retryAt.toISOString();
  }
}

/** A write was acknowledged but reading the point back shows another value. */
export class ModbusWriteMismatchError extends ModbusError {
  readonly written: number | boolean | string;
  readonly readBack: number | boolean | string;

  constructor(
    written: number | boolean | string,
    expected: number | boolean | string,
    readBack: number | boolean | string,
    where: ModbusWhere,
  ) {
    const asked =
      expected === written
        ? JSON.stringify(written)
        : `${JSON.stringify(written)} (stored as ${JSON.stringify(expected)})`;
    super(
      'internal',
      'write_not_confirmed',
      `write not confirmed: wrote ${asked} but read back ${JSON.stringify(readBack)}`,
      where,
    );
    this.written = written;
    this.readBack = readBack;
  }
}
