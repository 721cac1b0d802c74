/**
 * @module Edge plugins: the core's plugin host running at the site. Readings reach the plugins
 * whose grant covers their points; a plugin's command becomes a command document, so it passes
 * the same checks (profile limits, device) and leaves the same outcome as any other command.
 */
import {
  createPluginStore,
  ENGINE_VERSION,
  type EventBus,
  PluginHost,
  type PointCommand,
  systemTime,
  type TelemetryReading,
} from '@heng/core';
import { type BatchReading, type Command, commandDocId } from '@heng/schemas';
import { AuditLog } from './audit-log.ts';

export interface EdgePluginsOptions {
  site: string;
  /** Replicated: where plugin commands go, as command documents. */
  control: PouchDB.Database;
  /** Local: plugin storage and the audit trail. */
  local: PouchDB.Database;
  bus: EventBus;
  /** Where plugins' log lines go (already rate-limited and cut by the broker). */
  log?: (pluginId: string, level: string, message: string, data?: unknown) => void;
}

export class EdgePlugins implements AsyncDisposable {
  readonly host: PluginHost;
  readonly audit: AuditLog;
  readonly #site: string;
  readonly #latest = new Map<string, TelemetryReading>();

  constructor(options: EdgePluginsOptions) {
    this.#site = options.site;
    this.audit = new AuditLog(options.local);
    const log =
      options.log ?? ((id, level, message) => console.log(`plugin ${id} ${level}: ${message}`));
    this.host = new PluginHost({
      engineVersion: ENGINE_VERSION,
      role: 'edge',
      time: systemTime,
      audit: this.audit,
      storageFor: (id) => createPluginStore(options.local, id),
      ports: {
        events: options.bus,
        telemetry: { latest: async (path) => this.#latest.get(path) },
        commands: { send: (command) => this.#command(options.control, command) },
        fetch: (url, init) => fetch(url, init),
        log: (level, message, data) => log('?', level, message, data),
      },
      logFor: (id) => (level, message, data) => log(id, level, message, data),
    });
  }

  /** A reading just taken at the site: remembered as the point's latest, handed to the plugins. */
  deliver(device: string, reading: BatchReading & { unit?: string }): Promise<void> {
    const full: TelemetryReading = { site: this.#site, device, ...reading };
    this.#latest.set(`${this.#site}/${device}/${reading.point}`, full);
    return this.host.deliverTelemetry(full);
  }

  async #command(
    control: PouchDB.Database,
    request: PointCommand,
  ): Promise<{ id: string; status: string }> {
    const id = crypto.randomUUID();
    const command: Command & { _id: string } = {
      _id: commandDocId(id),
      type: 'command',
      id,
      site: request.site,
      device: request.device,
      point: request.point,
      value: request.value,
      requestedBy: request.requestedBy,
      reason: request.reason,
      ts: new Date().toISOString(),
    };
    await control.put(command);
    return { id, status: 'queued' };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  async dispose(): Promise<void> {
    await this.host.dispose();
    await this.audit.flush();
  }
}
