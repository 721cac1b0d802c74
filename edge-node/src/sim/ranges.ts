/**
 * @module How a simulated point behaves and within which range, guessed from the profile: its
 * limits when it has them, else its unit (% 0..100, °C -10..40, µg/m³ 0..300…), else its name.
 */
import type { DevicePoint } from '@heng/schemas';

/**
 * - `walk`: a reading that wanders slowly within its range;
 * - `counter`: a total that only grows (energy, volume, running hours);
 * - `flag`: a read-only bit that toggles rarely (alarms, states);
 * - `setpoint`: a writable value that holds what was last written;
 * - `text`: a string that does not change.
 */
export type Behaviour = 'walk' | 'counter' | 'flag' | 'setpoint' | 'text';

/** A point's behaviour and its range in engineering units. */
export interface PointRange {
  behaviour: Behaviour;
  lo: number;
  hi: number;
}

/** Typical ranges by unit, lower-case. Why these: what street, air and water sensors report. */
const BY_UNIT: Record<string, [number, number]> = {
  '%': [0, 100],
  '%rh': [0, 100],
  '°c': [-10, 40],
  '℃': [-10, 40],
  degc: [-10, 40],
  'µg/m³': [0, 300],
  'μg/m³': [0, 300],
  'ug/m3': [0, 300],
  'mg/m³': [0, 10],
  ppm: [0, 5],
  ppb: [0, 200],
  db: [30, 90],
  'db(a)': [30, 90],
  dba: [30, 90],
  w: [0, 250],
  kw: [0, 50],
  va: [0, 300],
  v: [220, 240],
  a: [0, 2],
  hz: [49.8, 50.2],
  lx: [0, 2000],
  m: [0, 5],
  cm: [0, 500],
  'm³/h': [0, 500],
  'm3/h': [0, 500],
  'l/s': [0, 100],
  bar: [0, 10],
  kpa: [0, 1000],
  hpa: [980, 1040],
  rpm: [0, 3000],
  'm/s': [0, 20],
};

/** Units and names of totals that only grow. */
const COUNTER_UNITS = new Set(['kwh', 'wh', 'mwh', 'm³', 'm3', 'h', 'kvarh']);
const COUNTER_NAME = /energy|total|count|hours|runtime|volume/i;

/** Ranges by raw type when nothing else says, kept small so scaled values stay readable. */
const BY_TYPE: Record<string, [number, number]> = {
  int16: [-100, 100],
  uint16: [0, 1000],
  int32: [-10_000, 10_000],
  uint32: [0, 100_000],
  float32: [0, 1000],
  float64: [0, 1000],
};

/** Raw limits of the integer types, to keep a scaled range inside what the register can hold. */
const RAW_LIMITS: Record<string, [number, number]> = {
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
};

function guessRange(point: DevicePoint): [number, number] {
  const name = point.name.toLowerCase();
  if (/pm(2|10)/.test(name)) return [0, 300];
  if (/no2|nox/.test(name)) return [0, 200];
  if (/power.?factor|cos.?phi/.test(name)) return [0.8, 1];
  const unit = point.unit?.trim().toLowerCase();
  const byUnit = unit === undefined ? undefined : BY_UNIT[unit];
  return byUnit ?? BY_TYPE[point.type] ?? [0, 100];
}

/** What the register can hold in engineering units (raw limits × scale + offset). */
function representable(point: DevicePoint): [number, number] {
  const raw = RAW_LIMITS[point.type];
  if (!raw) return [-Number.MAX_VALUE, Number.MAX_VALUE];
  const scale = point.scale ?? 1;
  const offset = point.offset ?? 0;
  const a = raw[0] * scale + offset;
  const b = raw[1] * scale + offset;
  return [Math.min(a, b), Math.max(a, b)];
}

/** Classifies a point and gives the range its simulated values stay in. */
export function rangeOf(point: DevicePoint): PointRange {
  const writable = point.access !== 'read';
  if (point.type === 'string') return { behaviour: 'text', lo: 0, hi: 0 };
  if (point.type === 'bool') return { behaviour: writable ? 'setpoint' : 'flag', lo: 0, hi: 1 };
  const [guessLo, guessHi] = guessRange(point);
  const [minRaw, maxRaw] = representable(point);
  const lo = Math.max(point.min ?? guessLo, minRaw);
  const hi = Math.min(point.max ?? guessHi, maxRaw);
  const unit = point.unit?.trim().toLowerCase() ?? '';
  let behaviour: Behaviour = writable ? 'setpoint' : 'walk';
  if (!writable && (COUNTER_UNITS.has(unit) || COUNTER_NAME.test(point.name)))
    behaviour = 'counter';
  return { behaviour, lo: Math.min(lo, hi), hi: Math.max(lo, hi) };
}
