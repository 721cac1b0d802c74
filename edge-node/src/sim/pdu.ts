/**
 * @module Answers one Modbus request PDU from the tables, for function codes 1-6, 15 and 16,
 * checking in the order the specification gives (function, quantity, address), so each bad
 * request gets the exception a conforming device would send.
 */
import { MODBUS_LIMITS, type Table } from '../modbus/types.ts';
import { EXCEPTION, type ModbusTables } from './tables.ts';

/** A span of a table that a request changed, so the device model can react to it. */
export interface WrittenSpan {
  table: 'coil' | 'holding-register';
  address: number;
  count: number;
}

/** A reply PDU, and the span it wrote (for write function codes that succeeded). */
export interface PduAnswer {
  reply: Buffer;
  written?: WrittenSpan;
}

/** An exception reply: the function code with its high bit set, then the exception code. */
export function exceptionReply(functionCode: number, code: number): Buffer {
  return Buffer.from([(functionCode | 0x80) & 0xff, code]);
}

const READ_TABLES: Record<number, Table> = {
  1: 'coil',
  2: 'discrete-input',
  3: 'holding-register',
  4: 'input-register',
};

/** Answers `pdu` (function code + data) against `tables`. Never throws on malformed input. */
export function answerPdu(tables: ModbusTables, pdu: Buffer): PduAnswer {
  const fc = pdu[0] ?? 0;
  switch (fc) {
    case 1:
    case 2:
    case 3:
    case 4:
      return { reply: read(tables, fc, pdu) };
    case 5:
      return writeSingleCoil(tables, pdu);
    case 6:
      return writeSingleRegister(tables, pdu);
    case 15:
      return writeMultipleCoils(tables, pdu);
    case 16:
      return writeMultipleRegisters(tables, pdu);
    default:
      return { reply: exceptionReply(fc, EXCEPTION.illegalFunction) };
  }
}

function read(tables: ModbusTables, fc: number, pdu: Buffer): Buffer {
  if (pdu.length !== 5) return exceptionReply(fc, EXCEPTION.illegalDataValue);
  const table = READ_TABLES[fc]!;
  const address = pdu.readUInt16BE(1);
  const count = pdu.readUInt16BE(3);
  const bitsTable = fc <= 2;
  const limit = bitsTable ? MODBUS_LIMITS.maxReadBits : MODBUS_LIMITS.maxReadRegisters;
  if (count < 1 || count > limit) return exceptionReply(fc, EXCEPTION.illegalDataValue);
  if (!tables.covers(table, address, count))
    return exceptionReply(fc, EXCEPTION.illegalDataAddress);
  const { values } = tables.store(table);
  if (bitsTable) {
    const bytes = (count + 7) >> 3;
    const reply = Buffer.alloc(2 + bytes);
    reply[0] = fc;
    reply[1] = bytes;
    for (let i = 0; i < count; i++) {
      if (values[address + i]) reply[2 + (i >> 3)]! |= 1 << (i & 7);
    }
    return reply;
  }
  const reply = Buffer.allocUnsafe(2 + count * 2);
  reply[0] = fc;
  reply[1] = count * 2;
  for (let i = 0; i < count; i++) reply.writeUInt16BE(values[address + i]!, 2 + i * 2);
  return reply;
}

function writeSingleCoil(tables: ModbusTables, pdu: Buffer): PduAnswer {
  if (pdu.length !== 5) return { reply: exceptionReply(5, EXCEPTION.illegalDataValue) };
  const address = pdu.readUInt16BE(1);
  const value = pdu.readUInt16BE(3);
  if (value !== 0x0000 && value !== 0xff00) {
    return { reply: exceptionReply(5, EXCEPTION.illegalDataValue) };
  }
  if (!tables.covers('coil', address, 1, true)) {
    return { reply: exceptionReply(5, EXCEPTION.illegalDataAddress) };
  }
  tables.store('coil').values[address] = value === 0xff00 ? 1 : 0;
  // The normal response to FC 5 and 6 is an echo of the request.
  return { reply: Buffer.from(pdu), written: { table: 'coil', address, count: 1 } };
}

function writeSingleRegister(tables: ModbusTables, pdu: Buffer): PduAnswer {
  if (pdu.length !== 5) return { reply: exceptionReply(6, EXCEPTION.illegalDataValue) };
  const address = pdu.readUInt16BE(1);
  if (!tables.covers('holding-register', address, 1, true)) {
    return { reply: exceptionReply(6, EXCEPTION.illegalDataAddress) };
  }
  tables.store('holding-register').values[address] = pdu.readUInt16BE(3);
  return {
    reply: Buffer.from(pdu),
    written: { table: 'holding-register', address, count: 1 },
  };
}

function writeMultipleCoils(tables: ModbusTables, pdu: Buffer): PduAnswer {
  const count = pdu.length >= 5 ? pdu.readUInt16BE(3) : 0;
  const bytes = (count + 7) >> 3;
  if (
    count < 1 ||
    count > MODBUS_LIMITS.maxWriteBits ||
    pdu[5] !== bytes ||
    pdu.length !== 6 + bytes
  ) {
    return { reply: exceptionReply(15, EXCEPTION.illegalDataValue) };
  }
  const address = pdu.readUInt16BE(1);
  if (!tables.covers('coil', address, count, true)) {
    return { reply: exceptionReply(15, EXCEPTION.illegalDataAddress) };
  }
  const { values } = tables.store('coil');
  for (let i = 0; i < count; i++) values[address + i] = (pdu[6 + (i >> 3)]! >> (i & 7)) & 1;
  return {
    reply: Buffer.from(pdu.subarray(0, 5)),
    written: { table: 'coil', address, count },
  };
}

function writeMultipleRegisters(tables: ModbusTables, pdu: Buffer): PduAnswer {
  const count = pdu.length >= 5 ? pdu.readUInt16BE(3) : 0;
  if (
    count < 1 ||
    count > MODBUS_LIMITS.maxWriteRegisters ||
    pdu[5] !== count * 2 ||
    pdu.length !== 6 + count * 2
  ) {
    return { reply: exceptionReply(16, EXCEPTION.illegalDataValue) };
  }
  const address = pdu.readUInt16BE(1);
  if (!tables.covers('holding-register', address, count, true)) {
    return { reply: exceptionReply(16, EXCEPTION.illegalDataAddress) };
  }
  const { values } = tables.store('holding-register');
  for (let i = 0; i < count; i++) values[address + i] = pdu.readUInt16BE(6 + i * 2);
  return {
    reply: Buffer.from(pdu.subarray(0, 5)),
    written: { table: 'holding-register', address, count },
  };
}
