/**
 * @module One queued request on a line and how it runs against a transport: the unit of
 * scheduling that `ModbusLine` moves between per-device queues.
 */
import type { ModbusError } from './errors.ts';
import type { HealthTracker } from './health.ts';
import type { ModbusTransport, RawReply, Table } from './types.ts';

/** What a job asks of the device. */
export type JobRequest =
  | { op: 'read'; table: Table; address: number; count: number }
  | { op: 'write'; table: 'coil'; address: number; values: boolean[] }
  | { op: 'write'; table: 'holding-register'; address: number; words: number[] };

/** The device side of a job: its queue and health, shared by all its jobs. */
export interface DeviceSlot {
  device: string;
  unit: number;
  queue: Job[];
  health: HealthTracker;
}

export interface Job {
  slot: DeviceSlot;
  request: JobRequest;
  attempts: number;
  maxAttempts: number;
  /** Fails the job if it is still queued when this fires (line down or backlogged). */
  deadline: NodeJS.Timeout | undefined;
  resolve(reply: RawReply | undefined): void;
  reject(err: ModbusError): void;
}

/** Sends a job's request once. */
export function sendJob(
  transport: ModbusTransport,
  job: Job,
  timeoutMs: number,
): Promise<RawReply | undefined> {
  const { unit } = job.slot;
  const r = job.request;
  if (r.op === 'read') return transport.read(unit, r.table, r.address, r.count, timeoutMs);
  if (r.table === 'coil')
    return transport.writeCoils(unit, r.address, r.values, timeoutMs).then(() => undefined);
  return transport.writeRegisters(unit, r.address, r.words, timeoutMs).then(() => undefined);
}

/** The count a job spans, for messages. */
export function jobCount(r: JobRequest): number {
  if (r.op === 'read') return r.count;
  return r.table === 'coil' ? r.values.length : r.words.length;
}
