/**
 * @module What the poller tells a technician about a device: that it stopped answering, went
 * offline or answers again, once per change and not once per poll (a dead device polled every
 * second must not fill the log), with the device, its host:port, unit and the reason.
 */
import type { ErrorInfo } from '@heng/schemas';
import type { DeviceClient, Reading } from '../modbus/device.ts';

/** `ok`: every point read. `failing`: some or all points not read. `offline`: only probed. */
export type DevicePollState = 'ok' | 'failing' | 'offline';

/** One state change of a device, as logged. */
export interface DeviceLogEntry {
  device: string;
  /** The line's endpoint, e.g. `tcp 10.0.0.5:502`. */
  endpoint: string;
  unit: number;
  state: DevicePollState;
  /** Why, when not ok: the first failure's code and message. */
  error?: ErrorInfo;
}

/** Where the poller logs; the edge passes its own, tests a recorder. */
export interface DeviceLog {
  info(message: string, entry: DeviceLogEntry): void;
  warn(message: string, entry: DeviceLogEntry): void;
}

/** Logs nothing (the default of a poller given no log). */
export const silentDeviceLog: DeviceLog = { info() {}, warn() {} };

/** Failures of the line or the device as a whole, as opposed to one request's. */
const LINK_FAILURES = new Set([
  'device_timeout',
  'device_unreachable',
  'device_offline',
  'device_bad_frame',
]);

const RANK: Record<DevicePollState, number> = { ok: 0, failing: 1, offline: 2 };

interface Seen {
  state: DevicePollState;
  error?: ErrorInfo;
}

function stateOf(client: DeviceClient, outcome: Reading[] | Error): Seen {
  if (outcome instanceof Error) return { state: 'failing', error: errorOf(outcome) };
  const bad = outcome.find((r) => r.quality !== 'good');
  if (!bad) return { state: 'ok' };
  const error = bad.error ?? { code: 'internal', message: `point "${bad.point}" has no value` };
  const health = client.health;
  // Offline, reads are refused unsent ("next probe at …"): the reason is the last real failure.
  if (health.state === 'offline') return { state: 'offline', error: health.lastError ?? error };
  return { state: 'failing', error };
}

function errorOf(err: Error): ErrorInfo {
  const code = (err as { code?: unknown }).code;
  return { code: typeof code === 'string' ? code : 'internal', message: err.message };
}

/** Tracks each device's state over its point groups and logs when it changes. */
export class DeviceStateLog {
  readonly #log: DeviceLog;
  /** Per device, the last state of each of its point groups. */
  readonly #groups = new Map<string, Map<string, Seen>>();
  /** Per device, the state last logged (a device starts ok, unlogged). */
  readonly #logged = new Map<string, Seen>();

  constructor(log: DeviceLog) {
    this.#log = log;
  }

  /** Takes the outcome of one read of one group of the device's points. */
  observe(client: DeviceClient, group: string, outcome: Reading[] | Error): void {
    let groups = this.#groups.get(client.device);
    if (!groups) {
      groups = new Map();
      this.#groups.set(client.device, groups);
    }
    const seen = stateOf(client, outcome);
    groups.set(group, seen);
    // A group read in full shows the link works: other groups' link failures (a slow group's
    // read, an hour old, that went out when the device was down) are over too; their
    // exceptions and undecodable points are their own and stand until they are read again.
    if (seen.state === 'ok')
      for (const [key, other] of groups)
        if (LINK_FAILURES.has(other.error?.code ?? '')) groups.set(key, seen);
    // The device is as bad as its worst group, so groups at different intervals do not flap.
    let worst: Seen = { state: 'ok' };
    for (const seen of groups.values()) if (RANK[seen.state] > RANK[worst.state]) worst = seen;
    const before = this.#logged.get(client.device) ?? { state: 'ok' };
    // A new kind of failure while failing is a change too; the same one again is not, and
    // neither is an offline device's failed probe.
    if (worst.state === before.state) {
      if (worst.state !== 'failing' || worst.error?.code === before.error?.code) return;
    }
    this.#logged.set(client.device, worst);
    const entry: DeviceLogEntry = {
      device: client.device,
      endpoint: client.endpoint,
      unit: client.unit,
      state: worst.state,
      ...(worst.error ? { error: worst.error } : {}),
    };
    const at = `device "${client.device}" (${client.endpoint}, unit ${client.unit})`;
    if (worst.state === 'ok') this.#log.info(`${at} answers again`, entry);
    else if (worst.state === 'offline')
      this.#log.warn(`${at} is offline: ${worst.error?.message}`, entry);
    else this.#log.warn(`${at} fails: ${worst.error?.message}`, entry);
  }
}
