/**
 * @module The contract between a plugin's sandbox and the capability broker: the host
 * operations a plugin may ask for, and where every such request is audited.
 */

/**
 * Every operation a plugin can ask of the host. The plugin-side `heng` object only has the
 * namespaces its grant allows; the broker checks every call again, whatever the plugin sends.
 */
export type HostOp =
  | 'log'
  | 'telemetry.latest'
  | 'commands.send'
  | 'events.publish'
  | 'storage.get'
  | 'storage.put'
  | 'storage.delete'
  | 'storage.list'
  | 'fetch'
  | 'clock.now';

/**
 * What the sandbox calls for every host request. A returned promise becomes a promise inside
 * the plugin, settled when it settles. Throwing (or rejecting) with a HengError hands the
 * plugin a `HengError`-shaped rejection; nothing of the host leaks across.
 */
export interface HostBridge {
  (op: string, args: unknown[]): unknown;
  /**
   * The longest JSON text of arguments `op` accepts, in characters: the sandbox refuses a longer
   * one with `payload_too_large` before copying any of it out of the plugin.
   */
  maxArgsChars?(op: string): number;
  /** Told of a call the sandbox refused unread (its arguments were over the limit), to audit it. */
  refused?(op: string, error: Error): void;
}

/** One line of the audit log: who asked for what, and what the broker decided. */
export interface AuditEntry {
  ts: string;
  actor: string;
  action: string;
  target?: string;
  outcome: 'allowed' | 'denied' | 'error';
  reason?: string;
}

/** Where audit entries go: a log document store at the hub, a local log at the edge. */
export interface AuditSink {
  record(entry: AuditEntry): void;
}

/** A clock the tests (and the SDK harness) can control. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
