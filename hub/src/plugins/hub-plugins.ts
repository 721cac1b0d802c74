/**
 * @module Plugins at the hub (`runsOn: hub`): the core's plugin host and app runner over the hub's
 * control database, where the catalog writes install records for the place `hub`. Events that
 * come up from sites reach the plugins subscribed to them; what a plugin publishes is kept in the
 * hub's control database; its commands go to sites as command documents; its storage is in
 * `heng-hub-plugin-data`; `telemetry.latest` reads the telemetry the sites pushed. Readings are not
 * delivered one by one at the hub (no `onTelemetry`).
 */
import {
  AppRunner,
  ENGINE_VERSION,
  EventBus,
  type HengEvent,
  PluginHost,
  type Subscription,
  systemTime,
} from '@heng/core';
import type { AuditLog } from '../audit/types.ts';
import { type Couch, HUB_CONTROL_DB, HUB_PLACE, HUB_PLUGIN_DATA_DB } from '../couch/index.ts';
import type { ChangesFeedOptions } from '../watch/index.ts';
import { couchPluginStores } from './plugin-storage.ts';
import { hubAuditSink, keepHubEvent, pluginCommands, type SiteLookup } from './ports.ts';
import { couchRecords } from './records.ts';
import { pluginTelemetry } from './telemetry.ts';

export interface HubPluginsOptions {
  couch: Couch;
  audit: AuditLog;
  /** The registered sites (the registry), which plugins' commands and reads may reach. */
  sites: SiteLookup;
  /** Events from sites older than this (by their `ts`) are not handed to plugins; default 15 min. */
  eventMaxAgeMs?: number;
  /** Where plugins' log lines and the runner's troubles go (default: stdout and stderr). */
  log?: (source: string, level: string, message: string) => void;
  /** Longpoll wait and backoff of the feed on the hub's control database. */
  feed?: Pick<ChangesFeedOptions, 'longpollMs' | 'backoff'>;
  now?: () => Date;
}

const defaultLog = (source: string, level: string, message: string) =>
  (level === 'error' || level === 'warn' ? console.error : console.log)(
    `heng-hub: ${source} ${level}: ${message}`,
  );

/** The plugins the hub runs. Call {@link HubPlugins.start} once the store is open; dispose before closing it. */
export class HubPlugins implements AsyncDisposable {
  readonly bus: EventBus;
  readonly host: PluginHost;
  readonly runner: AppRunner;
  readonly #o: HubPluginsOptions;
  readonly #kept: Subscription;
  #keeping: Promise<unknown> = Promise.resolve();

  constructor(options: HubPluginsOptions) {
    this.#o = options;
    const log = options.log ?? defaultLog;
    const trouble = (error: Error) => log('plugins', 'error', error.message);
    this.bus = new EventBus({ onError: (error) => trouble(error as Error) });
    this.host = new PluginHost({
      engineVersion: ENGINE_VERSION,
      role: 'hub',
      time: systemTime,
      audit: hubAuditSink(options.audit, trouble),
      storageFor: couchPluginStores(options.couch, HUB_PLUGIN_DATA_DB),
      ports: {
        events: this.bus,
        commands: pluginCommands(options.couch, options.audit, options.sites),
        telemetry: pluginTelemetry(options.couch, options.sites),
        fetch: (url, init) => fetch(url, init),
        log: (level, message) => log('plugin', level, message),
      },
      logFor: (id) => (level, message) => log(`plugin ${id}`, level, message),
    });
    this.runner = new AppRunner({
      site: HUB_PLACE,
      records: couchRecords({
        couch: options.couch,
        db: HUB_CONTROL_DB,
        feed: {
          ...options.feed,
          onFault: (error, retryInMs) =>
            log('plugins', 'warn', `${error.message}; again in ${retryInMs} ms`),
        },
      }),
      host: this.host,
      onReportError: trouble,
    });
    // Raised here: events from sites carry their site, and plugins cannot set one at the hub.
    this.#kept = this.bus.subscribe('#', (event) => {
      if (event.site !== undefined) return;
      const keeping = keepHubEvent(options.couch, event).catch(trouble);
      this.#keeping = Promise.all([this.#keeping, keeping]);
      return keeping;
    });
  }

  /** Starts the plugins the hub's control database asks for, and follows it. */
  start(): void {
    this.runner.start();
  }

  /**
   * An event that came up from a site, handed to the plugins subscribed to its topic. One older
   * than `eventMaxAgeMs` is not: a site back after days offline must not set off old alarms.
   */
  deliverSiteEvent(site: string, event: HengEvent): void {
    if (site === HUB_PLACE) return; // the hub's own events were delivered when raised
    const now = (this.#o.now?.() ?? new Date()).getTime();
    const age = now - Date.parse(event.ts);
    if (!(age <= (this.#o.eventMaxAgeMs ?? 15 * 60_000))) return;
    this.bus.publish({ ...event, site: event.site ?? site });
  }

  /** Waits until every install record seen so far is applied and every event raised here is kept. */
  async idle(): Promise<void> {
    await this.runner.idle();
    await this.#keeping;
  }

  async dispose(): Promise<void> {
    await this.runner.dispose();
    await this.host.dispose();
    // Stopping the plugins reports their state: written before the store closes under it.
    await this.runner.idle();
    this.#kept.dispose();
    await this.#keeping;
    this.bus.dispose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
