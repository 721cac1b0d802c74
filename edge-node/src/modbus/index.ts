/**
 * @module The Modbus parts of the edge node: shared shapes, the width of a point, the value
 * codec, the read planner and the write checks. One line per module, in alphabetical order; add
 * lines, do not reorder.
 */

export { CodecError, decodePoint, encodePoint, type RawValue, registerOrder } from './codec.ts';
export { bytesToRegisters, type RegisterOrder, registersToBytes } from './codec-bytes.ts';
export { type DecodedPoint, decodeReply } from './codec-reply.ts';
export {
  DeviceClient,
  type DeviceClientOptions,
  type Reading,
  type WriteResult,
} from './device.ts';
export * from './errors.ts';
export * from './health.ts';
export { type LineEvents, type LineOptions, ModbusLine } from './line.ts';
export { LineDevice } from './line-device.ts';
export { coalesceReads, DEFAULT_MAX_GAP, type GapLimits, type PlanOptions } from './plan.ts';
export { pointEnd, pointWidth } from './point-width.ts';
export { ClientTransport, type NamedTransport, type OpenLink } from './transport.ts';
export { RtuTransport, type RtuTransportOptions } from './transport-rtu.ts';
export { TcpTransport, type TcpTransportOptions } from './transport-tcp.ts';
export * from './types.ts';
export {
  checkWrite,
  type WriteCheckOptions,
  type WritePayload,
  type WriteRefusal,
  WriteRefusedError,
} from './write-check.ts';
