/**
 * @module The API a plugin sees inside its sandbox: the global `heng` object (only the parts its
 * grant allows exist at run time) and the shapes that cross the boundary.
 */
import type { PluginRequest } from '@heng/core';
import type { CommandOutcome, DataClass, HengEvent, TelemetryReading } from '@heng/schemas';

export type { CommandOutcome, HengEvent, TelemetryReading };

/** JSON values: everything that crosses the sandbox boundary is JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A command a plugin asks for; `point` is `site/device/point`. */
export interface CommandRequest {
  point: string;
  value: number | boolean | string;
  /** Why: shown in the audit log and to the operator. */
  reason: string;
}

export interface CommandReceipt {
  id: string;
  status: string;
}

export interface PublishOptions {
  /** Graded response level, 1 (most severe) to 4. */
  level?: 1 | 2 | 3 | 4;
  title?: string;
  dataClass?: DataClass;
}

export interface FetchInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

export interface FetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An HTTP request routed to the plugin under its prefix (`/plugins/<id>/...`). */
export type { PluginRequest } from '@heng/core';

/** What `onRequest` answers; `status` defaults to 200 and `body` to ''. */
export interface PluginResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The global `heng` object. Optional parts exist only when the plugin was granted them. */
export interface HengApi {
  log: {
    info(message: string, data?: Json): void;
    warn(message: string, data?: Json): void;
    error(message: string, data?: Json): void;
  };
  /** The host's clock in ms since the epoch (controlled by the test harness in tests). */
  now(): number;
  telemetry?: { latest(point: string): Promise<TelemetryReading | undefined> };
  commands?: { send(command: CommandRequest): Promise<CommandReceipt> };
  /** Publishes an event on a granted topic; resolves with the event's id. */
  events?: {
    publish(
      topic: string,
      payload: { [key: string]: Json },
      options?: PublishOptions,
    ): Promise<{ id: string }>;
  };
  storage?: {
    get<T = Json>(key: string): Promise<T | undefined>;
    put(key: string, value: Json): Promise<void>;
    delete(key: string): Promise<void>;
    list<T = Json>(
      prefix?: string,
      options?: { limit?: number },
    ): Promise<Array<{ key: string; value: T }>>;
  };
  fetch?(url: string, init?: FetchInit): Promise<FetchResponse>;
}

/** What every handler receives besides its input. */
export interface PluginContext<Config> {
  heng: HengApi;
  config: Readonly<Config>;
}

type MaybePromise<T> = T | Promise<T>;

/** The handlers a plugin may define; the host calls only those its grant makes reachable. */
export interface PluginDefinition<Config = Record<string, unknown>> {
  activate?(ctx: PluginContext<Config>): MaybePromise<void>;
  onTelemetry?(reading: TelemetryReading, ctx: PluginContext<Config>): MaybePromise<void>;
  onEvent?(event: HengEvent, ctx: PluginContext<Config>): MaybePromise<void>;
  onSchedule?(name: string, ctx: PluginContext<Config>): MaybePromise<void>;
  onRequest?(request: PluginRequest, ctx: PluginContext<Config>): MaybePromise<PluginResponse>;
  deactivate?(ctx: PluginContext<Config>): MaybePromise<void>;
}
