/**
 * @module Health of one device on a line: online, degraded or offline, from the outcome of
 * each request, with the last error and counters a technician can read.
 */
import type { ErrorInfo } from '@heng/schemas';
import { type ModbusError, ModbusExceptionError } from './errors.ts';

/**
 * `online`: the last request was answered. `degraded`: recent failures, or the device says it
 * cannot serve (busy, device failure). `offline`: `offlineAfter` link failures in a row; only
 * probes go to it until it answers again.
 */
export type HealthState = 'online' | 'degraded' | 'offline';

export interface HealthCounters {
  /** Requests that finished, by success or by failure (not counting retries). */
  requests: number;
  ok: number;
  failed: number;
  /** Attempts repeated after a timeout, a lost connection or a malformed reply. */
  retries: number;
  timeouts: number;
  exceptions: number;
  connectionErrors: number;
  frameErrors: number;
  /** Requests refused without being sent because the device was offline. */
  skipped: number;
}

export interface DeviceHealth {
  device: string;
  unit: number;
  state: HealthState;
  /** When the state last changed (ISO 8601). */
  since: string;
  consecutiveFailures: number;
  lastError?: ErrorInfo;
  lastErrorAt?: string;
  lastOkAt?: string;
  counters: HealthCounters;
}

export interface HealthPolicy {
  /** Link failures in a row that make a device offline (default 3). */
  offlineAfter: number;
  /** While offline, at most one request (a probe) per this many ms (default 5000). */
  probeIntervalMs: number;
}

/** Exceptions that mean "the device is there but cannot serve now" rather than "bad request". */
const DEVICE_TROUBLE = new Set([4, 5, 6, 7, 8]);
/** Gateway exceptions: the device behind the gateway did not answer, like a timeout. */
const GATEWAY_NO_ANSWER = new Set([10, 11]);

/** Tracks one device; the line owns it and reads `state` to decide whether to send. */
export class HealthTracker {
  readonly device: string;
  readonly unit: number;
  readonly #policy: HealthPolicy;
  readonly #now: () => number;
  #state: HealthState = 'online';
  #since: number;
  #consecutive = 0;
  #lastError: ErrorInfo | undefined;
  #lastErrorAt: number | undefined;
  #lastOkAt: number | undefined;
  #nextProbeAt = 0;
  readonly #counters: HealthCounters = {
    requests: 0,
    ok: 0,
    failed: 0,
    retries: 0,
    timeouts: 0,
    exceptions: 0,
    connectionErrors: 0,
    frameErrors: 0,
    skipped: 0,
  };

  constructor(device: string, unit: number, policy: HealthPolicy, now: () => number = Date.now) {
    this.device = device;
    this.unit = unit;
    this.#policy = policy;
    this.#now = now;
    this.#since = now();
  }

  get state(): HealthState {
    return this.#state;
  }

  /** When the next probe may go out (epoch ms); meaningful while offline. */
  get nextProbeAt(): number {
    return this.#nextProbeAt;
  }

  /** While offline: whether a probe may go now; if so, the following one is pushed back. */
  takeProbe(): boolean {
    const now = this.#now();
    if (now < this.#nextProbeAt) return false;
    this.#nextProbeAt = now + this.#policy.probeIntervalMs;
    return true;
  }

  /** Returns whether the state changed. */
  recordSuccess(): boolean {
    this.#counters.requests++;
    this.#counters.ok++;
    this.#consecutive = 0;
    this.#lastOkAt = this.#now();
    return this.#set('online');
  }

  recordRetry(err: ModbusError): void {
    this.#counters.retries++;
    this.#count(err);
  }

  recordSkipped(): void {
    this.#counters.skipped++;
  }

  /** Returns whether the state changed. */
  recordFailure(err: ModbusError): boolean {
    this.#counters.requests++;
    this.#counters.failed++;
    this.#count(err);
    this.#lastError = err.toErrorInfo();
    this.#lastErrorAt = this.#now();
    if (err instanceof ModbusExceptionError && !GATEWAY_NO_ANSWER.has(err.exceptionCode)) {
      // It answered: the link is fine, whatever it thinks of the request.
      this.#consecutive = 0;
      return this.#set(DEVICE_TROUBLE.has(err.exceptionCode) ? 'degraded' : 'online');
    }
    this.#consecutive++;
    if (this.#consecutive >= this.#policy.offlineAfter) {
      if (this.#state !== 'offline') this.#nextProbeAt = this.#now() + this.#policy.probeIntervalMs;
      return this.#set('offline');
    }
    return this.#set(this.#state === 'offline' ? 'offline' : 'degraded');
  }

  snapshot(): DeviceHealth {
    const iso = (ms: number | undefined) =>
      ms === undefined ? undefined : new Date(ms).toISOString();
    const health: DeviceHealth = {
      device: this.device,
      unit: this.unit,
      state: this.#state,
      since: new Date(this.#since).toISOString(),
      consecutiveFailures: this.#consecutive,
      counters: { ...this.#counters },
    };
    if (this.#lastError) health.lastError = this.#lastError;
    const lastErrorAt = iso(this.#lastErrorAt);
    if (lastErrorAt) health.lastErrorAt = lastErrorAt;
    const lastOkAt = iso(this.#lastOkAt);
    if (lastOkAt) health.lastOkAt = lastOkAt;
    return health;
  }

  #count(err: ModbusError): void {
    if (err.failure === 'device_timeout') this.#counters.timeouts++;
    else if (err.failure === 'device_exception') this.#counters.exceptions++;
    else if (err.failure === 'device_unreachable') this.#counters.connectionErrors++;
    else if (err.failure === 'device_bad_frame') this.#counters.frameErrors++;
  }

  #set(state: HealthState): boolean {
    if (state === this.#state) return false;
    this.#state = state;
    this.#since = this.#now();
    return true;
  }
}
