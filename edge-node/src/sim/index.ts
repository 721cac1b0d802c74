/**
 * @module Device simulators: a Modbus TCP device built from a profile, with plausible changing
 * values, writes, real exceptions and injected faults.
 */
export {
  checkFaults,
  decideFault,
  type FaultDecision,
  FaultOptionError,
  type FaultOptions,
  garble,
  parseExceptionFlag,
} from './faults.ts';
export { type MbapFrame, MbapReader, mbapFrame } from './mbap.ts';
export { DeviceModel } from './model.ts';
export { answerPdu, exceptionReply, type PduAnswer, type WrittenSpan } from './pdu.ts';
export { seededRandom } from './random.ts';
export { type Behaviour, type PointRange, rangeOf } from './ranges.ts';
export { DeviceSimulator, type SimulatorOptions, startSimulator } from './simulator.ts';
export { EXCEPTION, ModbusTables } from './tables.ts';
export {
  ListenError,
  ModbusTcpServer,
  type PduResponder,
  type TcpServerOptions,
} from './tcp-server.ts';
