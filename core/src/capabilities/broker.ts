/**
 * @module The capability broker: the one door from a plugin's sandbox to the host. Every call
 * is shape-checked, checked against the grant and rate limits, and written to the audit log.
 */
import { HengError, PermissionDeniedError, RateLimitedError } from '@heng/schemas';
import type { EventHandler, Subscription } from '../bus/types.ts';
import { maxArgsChars } from './call-limits.ts';
import type { Grant } from './grant.ts';
import { logLine } from './log-line.ts';
import {
  type BrokerLimits,
  type CallRecord,
  DEFAULT_BROKER_LIMITS,
  type HostOperation,
  type OpContext,
} from './op-context.ts';
import { commandsSend, eventsPublish, telemetryLatest } from './ops-data.ts';
import { fetchOp } from './ops-fetch.ts';
import { storageDelete, storageGet, storageList, storagePut } from './ops-storage.ts';
import type { BrokerPorts } from './ports.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { AuditEntry, AuditSink, Clock, HostBridge } from './types.ts';

const OPERATIONS: ReadonlyMap<string, HostOperation> = new Map([
  ['telemetry.latest', telemetryLatest],
  ['commands.send', commandsSend],
  ['events.publish', eventsPublish],
  ['storage.get', storageGet],
  ['storage.put', storagePut],
  ['storage.delete', storageDelete],
  ['storage.list', storageList],
  ['fetch', fetchOp],
]);

export interface BrokerOptions {
  pluginId: string;
  grant: Grant;
  clock: Clock;
  audit: AuditSink;
  ports: BrokerPorts;
  limits?: Partial<BrokerLimits>;
}

/**
 * Serves one plugin's host calls through `bridge`. Dispose it with the plugin's sandbox:
 * in-flight fetches are aborted and no pending call settles afterwards.
 * @example
 * using broker = new Broker({ pluginId, grant, clock: systemClock, audit, ports });
 * await using sandbox = await PluginSandbox.create({
 *   pluginId,
 *   bridge: broker.bridge,
 *   api: apiShape(grant),
 * });
 * sandbox.load(bundle, {});
 * // Leaving the block disposes the sandbox, then the broker.
 */
export class Broker {
  readonly pluginId: string;
  readonly grant: Grant;
  /** The function the sandbox calls with an op name and the plugin's arguments. */
  readonly bridge: HostBridge;
  readonly #audit: AuditSink;
  readonly #ctx: OpContext;
  readonly #controller = new AbortController();
  readonly #limiters = new Map<string, RateLimiter>();
  readonly #logLimiter: RateLimiter;
  readonly #clockLimiter: RateLimiter;
  readonly #subscriptions = new Set<Subscription>();
  #storageQueue: Promise<unknown> = Promise.resolve();
  #droppedLogs = 0;
  #disposed = false;

  constructor(options: BrokerOptions) {
    const { pluginId, grant, clock, audit, ports } = options;
    if (grant.pluginId !== pluginId) {
      throw new HengError(
        'internal',
        `Broker: grant is for ${grant.pluginId}, not for ${pluginId}`,
      );
    }
    const limits = Object.freeze({ ...DEFAULT_BROKER_LIMITS, ...options.limits });
    this.pluginId = pluginId;
    this.grant = grant;
    this.#audit = audit;
    this.#logLimiter = new RateLimiter({ count: limits.logLinesPerMinute, perSeconds: 60, clock });
    this.#clockLimiter = new RateLimiter({
      count: limits.clockCallsPerMinute,
      perSeconds: 60,
      clock,
    });
    this.#ctx = {
      pluginId,
      grant,
      clock,
      ports,
      limits,
      signal: this.#controller.signal,
      eventLimiter: new RateLimiter({ count: limits.eventsPerMinute, perSeconds: 60, clock }),
      commandLimiter: (rule, site) => {
        const key = `${rule.index}/${site}`;
        let limiter = this.#limiters.get(key);
        if (!limiter) {
          limiter = new RateLimiter({ ...rule.rate, clock });
          this.#limiters.set(key, limiter);
        }
        return limiter;
      },
      serialize: (work) => {
        const run = this.#storageQueue.then(work, work);
        this.#storageQueue = run.catch(() => {});
        return run;
      },
    };
    this.bridge = Object.assign((op: string, args: unknown[]) => this.#dispatch(op, args), {
      maxArgsChars: (op: string) => maxArgsChars(op, limits),
      refused: (op: string, error: Error) => {
        if (op !== 'log' && op !== 'clock.now')
          this.#record(op.slice(0, 64), { allowed: false }, error);
      },
    });
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Delivers the events the plugin subscribed to (`events:subscribe`) to `handler`, until the
   * subscription or the broker is disposed. Undefined when the grant subscribes to nothing.
   */
  subscribeEvents(handler: EventHandler): Subscription | undefined {
    const topics = this.grant.subscribeTopics;
    if (topics.length === 0 || !this.#ctx.ports.events || this.#disposed) return undefined;
    const subscription = this.#ctx.ports.events.subscribe(topics, (event) =>
      this.#disposed ? undefined : handler(event),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Stops serving: aborts in-flight work, ends subscriptions; pending calls never settle. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#controller.abort(
      new HengError('plugin_unavailable', `plugin ${this.pluginId} was stopped`),
    );
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#subscriptions.clear();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #dispatch(op: unknown, args: unknown): unknown {
    const name = typeof op === 'string' ? op.slice(0, 64) : `(${typeof op})`;
    if (this.#disposed) {
      const err = new HengError(
        'plugin_unavailable',
        `${name}: plugin ${this.pluginId} was stopped`,
      );
      if (op !== 'log' && op !== 'clock.now') this.#record(name, { allowed: false }, err);
      throw err;
    }
    if (op === 'log') return this.#log(args);
    if (op === 'clock.now') return this.#now();
    const operation = typeof op === 'string' ? OPERATIONS.get(op) : undefined;
    const call: CallRecord = { allowed: false };
    if (!operation) {
      const err = new PermissionDeniedError(
        `unknown host operation '${name}' from plugin ${this.pluginId}`,
      );
      this.#record(name, call, err);
      throw err;
    }
    const settled = (async () => operation(this.#ctx, args, call))();
    settled.then(
      () => this.#record(name, call),
      (err) => this.#record(name, call, err),
    );
    // Nothing may settle into a sandbox that is already gone.
    return new Promise((resolve, reject) => {
      settled.then(
        (value) => this.#disposed || resolve(value),
        (err) => this.#disposed || reject(err instanceof HengError ? err : toInternal(name, err)),
      );
    });
  }

  #log(args: unknown): undefined {
    if (!this.#logLimiter.tryTake()) {
      this.#droppedLogs++;
      return undefined;
    }
    const { level, msg, data } = logLine(args, this.#ctx.limits);
    if (this.#droppedLogs > 0) {
      const dropped = this.#droppedLogs;
      this.#droppedLogs = 0;
      this.#safeLog(
        'warn',
        `${dropped} log lines dropped: over ${this.#ctx.limits.logLinesPerMinute} per minute`,
      );
    }
    this.#safeLog(level, msg, data);
    return undefined;
  }

  #safeLog(...line: Parameters<BrokerPorts['log']>): void {
    try {
      this.#ctx.ports.log(...line);
    } catch {
      // A broken log sink must not turn logging into a plugin failure.
    }
  }

  #now(): number {
    if (!this.#clockLimiter.tryTake()) {
      throw new RateLimitedError(
        `clock.now: plugin ${this.pluginId} called it more than ${this.#ctx.limits.clockCallsPerMinute} times per minute`,
      );
    }
    return this.#ctx.clock.now();
  }

  #record(action: string, call: CallRecord, error?: unknown): void {
    const entry: AuditEntry = {
      ts: isoTime(this.#ctx.clock.now()),
      actor: `plugin:${this.pluginId}`,
      action,
      outcome: error === undefined ? 'allowed' : call.allowed ? 'error' : 'denied',
    };
    if (call.target !== undefined) entry.target = shorten(call.target, 300);
    const reason = error === undefined ? call.note : ((error as Error)?.message ?? String(error));
    if (reason !== undefined) entry.reason = shorten(reason, 500);
    try {
      this.#audit.record(entry);
    } catch {
      // The audit sink's own failure is the host's to see; the plugin's call goes on.
    }
  }
}

function toInternal(op: string, err: unknown): HengError {
  // The detail (paths, hosts' internals) goes to the audit log, not into the plugin.
  return new HengError('internal', `${op}: the host failed to serve the call`, { cause: err });
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
