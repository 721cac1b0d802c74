/**
 * @module What a host call reaches once the broker lets it through: the ports the host wires
 * in (telemetry, commands, events, storage, fetch, log). Readings and commands are the schemas'.
 */
import type { Command, TelemetryReading } from '@heng/schemas';
import type { EventHandler, HengEvent, Subscription } from '../bus/types.ts';
import type { StoragePort } from '../store/port.ts';

/** One value read from one point: the schemas' telemetry reading. */
export type { TelemetryReading } from '@heng/schemas';

/** A command to one point, as the broker sends it on a plugin's behalf: the command contract's fields. */
export type PointCommand = Pick<Command, 'site' | 'device' | 'point' | 'value' | 'reason'> & {
  requestedBy: { kind: 'plugin'; id: string };
};

/** What the command store says once it has taken a command. */
export interface CommandReceipt {
  id: string;
  status: string;
}

export interface TelemetryPort {
  latest(path: string): Promise<TelemetryReading | undefined>;
}

export interface CommandPort {
  send(command: PointCommand): Promise<CommandReceipt>;
}

/** The event bus, as far as a plugin's host calls need it. */
export interface EventsPort {
  publish(event: HengEvent): void;
  subscribe(pattern: string | readonly string[], handler: EventHandler): Subscription;
}

/** The web `fetch`, injected so tests and hosts decide what goes out. */
export type FetchPort = (url: string, init: RequestInit) => Promise<Response>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where a plugin's log lines go, already truncated and rate-limited. */
export type LogPort = (level: LogLevel, msg: string, data?: unknown) => void;

/**
 * The ports of one plugin's broker. A port may be left out on a host that has no such thing
 * (a hub has no field devices); a granted call to a missing port fails as `plugin_unavailable`.
 */
export interface BrokerPorts {
  telemetry?: TelemetryPort;
  commands?: CommandPort;
  events?: EventsPort;
  storage?: StoragePort;
  fetch?: FetchPort;
  log: LogPort;
}
