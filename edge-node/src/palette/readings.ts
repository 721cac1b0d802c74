/**
 * @module What a `heng telemetry out` node accepts in `msg.payload`, turned into readings for the
 * store, with an error naming the field when it is not one of them:
 * - readings as a device read gives them: `[{ point, value, quality?, ts? }, …]`;
 * - one reading `{ point, value, quality?, ts? }`;
 * - a map of point to value: `{ dimming: 40, power: 118.5 }`.
 * The device is `msg.device`, else the node's configured device.
 */
import { type BatchReading, HengError } from '@heng/schemas';

const IDENTIFIER = /^[A-Za-z0-9_.-]{1,64}$/;
const QUALITIES = new Set(['good', 'uncertain', 'bad']);

export interface DeviceReadings {
  device: string;
  readings: BatchReading[];
}

function bad(path: string, message: string): never {
  throw new HengError('invalid_input', `msg${path}: ${message}`);
}

function reading(raw: unknown, path: string, now: string): BatchReading {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    bad(path, 'must be a reading { point, value }');
  const { point, value, quality = 'good', ts = now } = raw as Record<string, unknown>;
  if (typeof point !== 'string' || !IDENTIFIER.test(point))
    bad(`${path}.point`, 'must be a point name like "pm25"');
  if (
    typeof value === 'number'
      ? !Number.isFinite(value)
      : typeof value !== 'boolean' && typeof value !== 'string'
  ) {
    bad(`${path}.value`, 'must be a finite number, a boolean or a string');
  }
  if (typeof quality !== 'string' || !QUALITIES.has(quality))
    bad(`${path}.quality`, 'must be good, uncertain or bad');
  if (typeof ts !== 'string' || Number.isNaN(Date.parse(ts)))
    bad(`${path}.ts`, 'must be an ISO 8601 time');
  return {
    point,
    value: value as BatchReading['value'],
    quality: quality as BatchReading['quality'],
    ts: new Date(ts).toISOString(),
  };
}

export function readingsOf(
  msg: { payload?: unknown; device?: unknown },
  fallbackDevice: string,
  now: Date,
): DeviceReadings {
  const device = msg.device ?? fallbackDevice;
  if (typeof device !== 'string' || !IDENTIFIER.test(device)) {
    bad('.device', 'must name the device (or set one on the node)');
  }
  const at = now.toISOString();
  const { payload } = msg;
  if (Array.isArray(payload)) {
    if (payload.length === 0) bad('.payload', 'holds no readings');
    return { device, readings: payload.map((r, i) => reading(r, `.payload[${i}]`, at)) };
  }
  if (payload !== null && typeof payload === 'object') {
    if ('point' in payload) return { device, readings: [reading(payload, '.payload', at)] };
    const entries = Object.entries(payload);
    if (entries.length === 0) bad('.payload', 'holds no readings');
    return {
      device,
      readings: entries.map(([point, value]) => reading({ point, value }, `.payload.${point}`, at)),
    };
  }
  return bad('.payload', 'must be readings, one reading, or a map of point to value');
}
