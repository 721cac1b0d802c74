/**
 * @module The site devices file: which devices this edge polls and commands, where they are on
 * the network and which profile maps them, checked as a whole so every problem is reported at
 * once, at the entry and field it concerns (`devices[2].port: must be 1..65535`).
 */
import path from 'node:path';
import { type DeviceProfile, type Issue, ValidationError, validateAgainst } from '@heng/schemas';
import { loadProfile, profilePath, readInputFile } from '../profiles/index.ts';

/** One device of the site, as written in the devices file. */
export interface DeviceEntry {
  /** The device's id on the site: commands and telemetry name it. */
  name: string;
  /** A reference profile's name (`streetlight-controller`) or the path of a profile file. */
  profile: string;
  host: string;
  port: number;
  /** Modbus unit id; default the profile's `defaults.unit`, else 1. */
  unit?: number;
  /** How long one attempt waits for a reply (ms; default SITE_LINE_DEFAULTS). */
  timeoutMs?: number;
  /** Attempts after the first, on a timeout or lost connection. */
  retries?: number;
  /** Failed requests in a row after which the device is offline (then only probed). */
  offlineAfter?: number;
}

/** The line settings an entry may give; entries on one host:port share one line, so agree. */
export const LINE_FIELDS = ['timeoutMs', 'retries', 'offlineAfter'] as const;

/** An entry with its profile loaded and checked. */
export interface ResolvedDevice {
  entry: DeviceEntry;
  profile: DeviceProfile;
}

const ENTRIES = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'profile', 'host', 'port'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' },
      profile: { type: 'string', minLength: 1 },
      host: { type: 'string', minLength: 1 },
      // Ranges are checked below, to say them as a range rather than as two bounds.
      port: { type: 'integer' },
      unit: { type: 'integer' },
      timeoutMs: { type: 'integer' },
      retries: { type: 'integer' },
      offlineAfter: { type: 'integer' },
    },
  },
} as const;

// validateAgainst takes object schemas (it is made for settings): the list sits under `devices`,
// which is also how messages name it.
const FILE = {
  type: 'object',
  required: ['devices'],
  properties: { devices: ENTRIES },
} as const;

const RANGES = {
  port: [1, 65535],
  unit: [1, 255],
  timeoutMs: [10, 60_000],
  retries: [0, 10],
  offlineAfter: [1, 100],
} as const;

/** `/devices/2/port` → `devices[2].port`: the way a person looking at the file counts. */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(2)
    .reduce((at, part) => (/^\d+$/.test(part) ? `${at}[${part}]` : `${at}.${part}`), 'devices');
}

function invalid(where: string, issues: Issue[]): ValidationError {
  return new ValidationError(`site devices in ${where}`, issues);
}

/**
 * Checks a parsed devices list (schema, port and unit ranges, unique names) and loads each
 * entry's profile; relative profile paths are taken from `baseDir`.
 *
 * @throws ValidationError (`invalid_input`) listing every problem, e.g.
 *   `invalid site devices in site.json: devices[2].port: must be 1..65535`.
 */
export async function resolveDevices(
  value: unknown,
  options: { where: string; baseDir: string },
): Promise<ResolvedDevice[]> {
  let entries: DeviceEntry[];
  try {
    entries = validateAgainst<{ devices: DeviceEntry[] }>(
      FILE,
      { devices: value },
      'site devices',
    ).devices;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const issues = (err.issues ?? []).map((i) => ({ ...i, path: fieldPath(i.path) }));
    throw invalid(options.where, issues);
  }
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    for (const field of ['port', 'unit', ...LINE_FIELDS] as const) {
      const [low, high] = RANGES[field];
      const n = entry[field];
      if (n !== undefined && (n < low || n > high)) {
        issues.push({ path: `devices[${i}].${field}`, message: `must be ${low}..${high}` });
      }
    }
    const first = seen.get(entry.name);
    if (first === undefined) seen.set(entry.name, i);
    else {
      issues.push({
        path: `devices[${i}].name`,
        message: `"${entry.name}" is already the name of devices[${first}]`,
      });
    }
  });
  const profiles = await Promise.all(
    entries.map(async (entry, i) => {
      try {
        return await loadProfile(profilePath(entry.profile, options.baseDir));
      } catch (err) {
        issues.push({ path: `devices[${i}].profile`, message: (err as Error).message });
        return undefined;
      }
    }),
  );
  // Two entries for one unit behind one host:port would be one device read under two names.
  const units = new Map<string, number>();
  entries.forEach((entry, i) => {
    const profile = profiles[i];
    if (!profile) return;
    const unit = entry.unit ?? profile.defaults?.unit ?? 1;
    const key = `${entry.host}:${entry.port} unit ${unit}`;
    const first = units.get(key);
    if (first === undefined) units.set(key, i);
    else
      issues.push({ path: `devices[${i}].unit`, message: `${key} is already devices[${first}]` });
  });
  issues.push(...lineConflicts(entries));
  if (issues.length > 0) throw invalid(options.where, issues);
  return entries.map((entry, i) => ({ entry, profile: profiles[i] as DeviceProfile }));
}

/** Entries on one host:port share a line: a line setting given twice must be the same. */
function lineConflicts(entries: readonly DeviceEntry[]): Issue[] {
  const issues: Issue[] = [];
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const key = `${entry.host}:${entry.port}`;
    for (const field of LINE_FIELDS) {
      const value = entry[field];
      if (value === undefined) continue;
      const at = first.get(`${key} ${field}`);
      if (at === undefined) first.set(`${key} ${field}`, i);
      else if (entries[at]?.[field] !== value)
        issues.push({
          path: `devices[${i}].${field}`,
          message: `${value} differs from devices[${at}] (${entries[at]?.[field]}): devices on ${key} share one line`,
        });
    }
  });
  return issues;
}

/**
 * Reads and checks a devices file (as `resolveDevices`, profile paths taken from the file's
 * folder) and returns its entries with those paths made absolute, so they mean the same
 * wherever the entries are passed on to (`startEdge` takes them from the working folder).
 *
 * @throws HengError `not_found` when the file does not exist, ValidationError when it is invalid.
 * @example const devices = await loadDevicesFile('/etc/heng/site-devices.json');
 */
export async function loadDevicesFile(file: string): Promise<DeviceEntry[]> {
  const text = await readInputFile(file, 'site devices file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(file, [{ path: 'devices', message: `is not JSON: ${(err as Error).message}` }]);
  }
  const baseDir = path.dirname(path.resolve(file));
  const resolved = await resolveDevices(value, { where: file, baseDir });
  return resolved.map(({ entry }) => ({ ...entry, profile: profilePath(entry.profile, baseDir) }));
}
