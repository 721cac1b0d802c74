/**
 * @module What each host operation gets from the broker: the grant, the ports, the limits and
 * the per-call record that becomes its audit line.
 */
import { HengError } from '@heng/schemas';
import type { CommandRule, Grant } from './grant.ts';
import type { BrokerPorts } from './ports.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { Clock } from './types.ts';

/** The ceilings the broker enforces on every plugin. */
export interface BrokerLimits {
  /** Largest storage value or event payload, as UTF-8 JSON. */
  maxValueBytes: number;
  /** Largest fetch response body; beyond it the fetch fails. */
  maxFetchResponseBytes: number;
  /** Largest fetch request body. */
  maxFetchRequestBytes: number;
  /** A fetch (with its redirects and body) that takes longer is aborted. */
  fetchTimeoutMs: number;
  /** Same-host redirects followed before giving up. */
  maxRedirects: number;
  /** Log lines a plugin may write per minute; the rest are dropped and counted. */
  logLinesPerMinute: number;
  /** Longer log messages are truncated. */
  maxLogMessageChars: number;
  /** Larger log data is replaced by a note of its size. */
  maxLogDataBytes: number;
  /** A log call whose arguments (as JSON text) are longer is refused unread. */
  maxLogArgsChars: number;
  /** `clock.now` calls per minute; beyond it they fail as rate-limited. */
  clockCallsPerMinute: number;
  /** Events a plugin may publish per minute, so an echo between plugins cannot run away. */
  eventsPerMinute: number;
}

export const DEFAULT_BROKER_LIMITS: Readonly<BrokerLimits> = Object.freeze({
  maxValueBytes: 64 * 1024,
  maxFetchResponseBytes: 1024 * 1024,
  maxFetchRequestBytes: 256 * 1024,
  fetchTimeoutMs: 30_000,
  maxRedirects: 5,
  logLinesPerMinute: 120,
  maxLogMessageChars: 2000,
  maxLogDataBytes: 8 * 1024,
  maxLogArgsChars: 64 * 1024,
  clockCallsPerMinute: 6000,
  eventsPerMinute: 300,
});

/** Filled in by an operation as it goes, turned into the call's audit entry when it settles. */
export interface CallRecord {
  /** The point, topic, key or host the call is about. */
  target?: string;
  /** A note for an allowed call (command id, HTTP status). */
  note?: string;
  /** Set once every check passed: a later failure is an `error`, not a denial. */
  allowed: boolean;
}

export interface OpContext {
  readonly pluginId: string;
  readonly grant: Grant;
  readonly clock: Clock;
  readonly ports: BrokerPorts;
  readonly limits: Readonly<BrokerLimits>;
  /** Aborted when the broker is disposed. */
  readonly signal: AbortSignal;
  /** The limiter of one `command:write` permission at one site, shared by its points there. */
  commandLimiter(rule: CommandRule, site: string): RateLimiter;
  /** The plugin's limiter of published events. */
  readonly eventLimiter: RateLimiter;
  /** Runs storage writes one at a time, so a quota check and its write cannot interleave. */
  serialize<T>(work: () => Promise<T>): Promise<T>;
}

/** One host operation: checks, then does, what the plugin asked. */
export type HostOperation = (ctx: OpContext, args: unknown, call: CallRecord) => Promise<unknown>;

/** The port an allowed call needs, or a `plugin_unavailable` error naming what is missing. */
export function portOf<K extends keyof BrokerPorts>(
  ctx: OpContext,
  name: K,
  op: string,
): NonNullable<BrokerPorts[K]> {
  const port = ctx.ports[name];
  if (!port)
    throw new HengError(
      'plugin_unavailable',
      `${op}: this host offers no ${name} to plugin ${ctx.pluginId}`,
    );
  return port as NonNullable<BrokerPorts[K]>;
}
