/**
 * @module What a `heng read` node makes of one `readAll()`: the readings telemetry out accepts
 * (only those with a value: a point that could not be read has none to store), the points that
 * failed beside them, and an error when nothing could be read at all, so a dead device fails the
 * message (a `catch` node sees it) while a half-answering one still reports what it gave.
 */
import { type BatchReading, type ErrorInfo, HengError } from '@heng/schemas';
import type { Reading } from '../modbus/device.ts';

/** One `heng read` result: `payload` for telemetry out, `errors` for the points that failed. */
export interface DeviceRead {
  payload: BatchReading[];
  errors: Array<{ point: string; error: ErrorInfo }>;
}

/** Thrown when no point of the device could be read; the first failure is the cause. */
export class DeviceReadError extends HengError {
  readonly device: string;
  readonly errors: Array<{ point: string; error: ErrorInfo }>;

  constructor(device: string, errors: Array<{ point: string; error: ErrorInfo }>) {
    const first = errors[0]?.error;
    // Modbus failure kinds (device_timeout, device_unreachable, …) are not HengErrorCodes: the
    // kind travels in `errors`, as ModbusConnectionError keeps it in `failure`.
    super(
      first?.code === 'deadline_exceeded' ? 'deadline_exceeded' : 'internal',
      `device "${device}": no point could be read${first ? `: ${first.message}` : ''}`,
    );
    this.name = 'DeviceReadError';
    this.device = device;
    this.errors = errors;
  }
}

/** Splits a device's readings into what telemetry out stores and what failed. */
export function deviceRead(device: string, readings: readonly Reading[]): DeviceRead {
  const payload: BatchReading[] = [];
  const errors: DeviceRead['errors'] = [];
  for (const r of readings) {
    if (r.quality === 'good' && r.value !== null) {
      payload.push({ point: r.point, value: r.value, quality: 'good', ts: r.ts });
    } else {
      errors.push({
        point: r.point,
        error: r.error ?? { code: 'internal', message: `point "${r.point}" has no value` },
      });
    }
  }
  if (payload.length === 0) throw new DeviceReadError(device, errors);
  return { payload, errors };
}
