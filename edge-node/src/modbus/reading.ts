/**
 * @module One point's reading as a device read gives it: value, unit, quality, time and, when
 * bad, why; built in two fixed shapes each so that a poll of 125 points stays cheap.
 */
import { type DevicePoint, type ErrorInfo, HengError } from '@heng/schemas';
import { ModbusError } from './errors.ts';
import type { PointValue } from './types.ts';

/** One point's value as read, or `null` with the error when it could not be read. */
export interface Reading {
  point: string;
  value: PointValue | null;
  unit?: string;
  quality: 'good' | 'bad';
  ts: string;
  error?: ErrorInfo;
}

/** What a reading carries of an error: its code and message (Modbus errors: with their details). */
export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof ModbusError) return err.toErrorInfo();
  if (err instanceof HengError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

// Two literal shapes each, so that every reading of a kind shares one hidden class.
/** A point's value as read at `ts`. */
export function goodReading(point: DevicePoint, value: PointValue, ts: string): Reading {
  return point.unit === undefined
    ? { point: point.name, value, quality: 'good', ts }
    : { point: point.name, value, unit: point.unit, quality: 'good', ts };
}

/** A point that could not be read at `ts`, and why. */
export function badReading(point: DevicePoint, ts: string, error: ErrorInfo): Reading {
  return point.unit === undefined
    ? { point: point.name, value: null, quality: 'bad', ts, error }
    : { point: point.name, value: null, unit: point.unit, quality: 'bad', ts, error };
}
