/**
 * @module Which simulated points follow which writable ones, guessed from names and units, so a
 * write shows up where a real device would show it: a dimming level changes the power drawn, a
 * lamp switched off draws nothing, a pump started reports running.
 */
import type { DevicePoint } from '@heng/schemas';

/** Words that name a switch's or a state's role, not the thing switched. */
const ROLE_WORDS = new Set([
  'on',
  'off',
  'start',
  'stop',
  'run',
  'running',
  'enable',
  'enabled',
  'cmd',
  'command',
  'switch',
  'state',
  'status',
  'feedback',
  'active',
]);
const SWITCH_WORDS = new Set(['on', 'start', 'run', 'enable', 'switch', 'cmd', 'command']);
const STATE_WORDS = new Set(['on', 'run', 'running', 'state', 'status', 'feedback', 'active']);
/** Units of what a device draws or moves, which scale with its level and switches. */
const LOAD_UNITS = new Set(['w', 'kw', 'va', 'a', 'm³/h', 'm3/h', 'l/s', 'rpm']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.]+/)
    .filter(Boolean);
}

/** The name without its role words: "pump1_start" and "pump1_running" share "pump1". */
export function stemOf(name: string): string {
  return words(name)
    .filter((w) => !ROLE_WORDS.has(w))
    .join('_');
}

const hasWord = (name: string, set: Set<string>) => words(name).some((w) => set.has(w));

/** The drivers of one load point: the levels (%) and switches it follows. */
export interface Drive {
  levels: DevicePoint[];
  switches: DevicePoint[];
}

/** The relations of one profile, computed once. */
export interface Relations {
  /** Momentary stop coils (`pump-1-stop`), by name, with the switch they turn off. */
  stops: Map<string, DevicePoint>;
  /** Momentary reset coils (`fault-reset`): writing true clears the alarms. */
  resets: DevicePoint[];
  /** Read-only bits that mirror a switch, by the follower's name. */
  followers: Map<string, DevicePoint>;
  /** Load points (power, current, flow) and counters, by name, with what drives them. */
  drives: Map<string, Drive>;
}

/** True when `stem` is `of` or starts with it word by word ("pump_1" owns "pump_1_hours"). */
const owns = (of: string, stem: string) => stem === of || stem.startsWith(`${of}_`);

/**
 * Matches by stem (`pump-1-start` drives `pump-1-hours`), else takes every switch (one meter for
 * four lamps) but only the first level: the main dimmer, not the fallback listed after it.
 */
function matching(point: DevicePoint, candidates: DevicePoint[], all: boolean): DevicePoint[] {
  const stem = stemOf(point.name);
  const same = candidates.filter((c) => owns(stemOf(c.name), stem));
  if (same.length > 0) return same;
  return all ? candidates : candidates.slice(0, 1);
}

/** Works out followers and drives for `points` (see the module comment for the rules). */
export function relationsOf(
  points: DevicePoint[],
  isCounter: (p: DevicePoint) => boolean,
): Relations {
  const writable = points.filter((p) => p.access !== 'read');
  const switches = writable.filter((p) => p.type === 'bool' && hasWord(p.name, SWITCH_WORDS));
  const levels = writable.filter(
    (p) => p.type !== 'bool' && p.type !== 'string' && p.unit?.trim() === '%',
  );
  const followers = new Map<string, DevicePoint>();
  const drives = new Map<string, Drive>();
  for (const point of points) {
    if (point.access !== 'read') continue;
    if (point.type === 'bool' && hasWord(point.name, STATE_WORDS)) {
      const stem = stemOf(point.name);
      const source = switches.find((s) => owns(stemOf(s.name), stem));
      if (source) followers.set(point.name, source);
    } else if (point.type !== 'bool' && point.type !== 'string') {
      const load = LOAD_UNITS.has(point.unit?.trim().toLowerCase() ?? '');
      if (load || isCounter(point)) {
        drives.set(point.name, {
          levels: matching(point, levels, false),
          switches: matching(point, switches, true),
        });
      }
    }
  }
  const stops = new Map<string, DevicePoint>();
  const resets: DevicePoint[] = [];
  for (const point of writable) {
    if (point.type !== 'bool') continue;
    const named = words(point.name);
    const source = switches.find((s) => stemOf(s.name) === stemOf(point.name));
    if (named.includes('stop') && source) stops.set(point.name, source);
    if (named.includes('reset')) resets.push(point);
  }
  return { followers, drives, stops, resets };
}
