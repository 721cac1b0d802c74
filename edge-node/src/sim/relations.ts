/**
 * @module Which simulated points follow which writable ones, guessed from names and units, so a
 * write shows up where a real device would show it: a dimming level changes the power drawn, a
 * lamp switched off draws nothing, a pump started reports running.
 */
import type { DevicePoint } from '../modbus/types.ts';

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
  /** Read-only bits that mirror a switch, by the follower's name. */
  followers: Map<string, DevicePoint>;
  /** Load points (power, current, flow) and counters, by name, with what drives them. */
  drives: Map<string, Drive>;
}

/** Matches by shared stem, else takes all candidates (a device with one meter and two lamps). */
function matching(point: DevicePoint, candidates: DevicePoint[]): DevicePoint[] {
  const stem = stemOf(point.name);
  const same = candidates.filter((c) => stemOf(c.name) === stem);
  return same.length > 0 ? same : candidates;
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
      const source = switches.find((s) => stemOf(s.name) === stem);
      if (source) followers.set(point.name, source);
    } else if (point.type !== 'bool' && point.type !== 'string') {
      const load = LOAD_UNITS.has(point.unit?.trim().toLowerCase() ?? '');
      if (load || isCounter(point)) {
        drives.set(point.name, {
          levels: matching(point, levels),
          switches: matching(point, switches),
        });
      }
    }
  }
  return { followers, drives };
}
