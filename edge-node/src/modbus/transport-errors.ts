/**
 * @module Turns what modbus-serial and Node's sockets throw into the Modbus error family.
 * modbus-serial's own errors are plain objects (not `Error`s) told apart by `errno`,
 * `modbusCode`, `name` and message text, so this is the one place that reads them.
 */
import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  ModbusFrameError,
  ModbusTimeoutError,
  type ModbusWhere,
} from './errors.ts';

interface Thrown {
  name?: unknown;
  message?: unknown;
  errno?: unknown;
  code?: unknown;
  modbusCode?: unknown;
}

const FRAME_MESSAGES = /^(Data length error|Unexpected data error|CRC error)/;

/** Socket error codes in words, for messages a technician reads. */
export function describeSocketError(err: unknown): string {
  const e = (err ?? {}) as Thrown;
  switch (e.code ?? e.errno) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the device';
    case 'EPIPE':
      return 'connection closed by the device while sending';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ENOENT':
      return 'no such serial port';
    case 'EACCES':
      return 'permission denied on the serial port';
    default:
      return typeof e.message === 'string' && e.message ? e.message : 'connection failed';
  }
}

/** Maps one failed exchange onto the family; `timeoutMs` is the exchange's own timeout. */
export function modbusErrorFrom(err: unknown, where: ModbusWhere, timeoutMs: number): ModbusError {
  if (err instanceof ModbusError) return err;
  const e = (err ?? {}) as Thrown;
  if (typeof e.modbusCode === 'number') {
    return new ModbusExceptionError(e.modbusCode, where, { cause: err });
  }
  if (e.errno === 'ETIMEDOUT' || e.name === 'TransactionTimedOutError') {
    return new ModbusTimeoutError(timeoutMs, where, { cause: err });
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (FRAME_MESSAGES.test(message) || err instanceof RangeError) {
    return new ModbusFrameError(message, where, { cause: err });
  }
  if (e.name === 'PortNotOpenError' || typeof e.errno === 'string' || typeof e.code === 'string') {
    return new ModbusConnectionError(describeSocketError(err), where, { cause: err });
  }
  return new ModbusFrameError(message, where, { cause: err });
}
