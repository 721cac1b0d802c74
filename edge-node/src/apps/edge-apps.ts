/**
 * @module Apps at the edge: follows the control database for install records, packages, trusted
 * keys and revocations, and brings the plugin host to what the records want, one plugin at a time
 * and in the order the records arrived. What runs is reported as `plugin-status/<pluginId>`.
 */
import type { PluginHost, PluginStatus } from '@heng/core';
import { toHengError } from '@heng/schemas';
import { readInstall, readPackage, readRevocation, trustedKeys } from './checked-records.ts';
import { allWithPrefix, packageBytes } from './control-reads.ts';
import { type AppInstallDoc, kindOf } from './documents.ts';
import { type PluginReport, PluginStatusWriter } from './status-writer.ts';
import { installVerified } from './verified-install.ts';

export interface EdgeAppsOptions {
  site: string;
  control: PouchDB.Database;
  host: PluginHost;
}

interface Installed {
  version: string;
  digest: string;
  /** What the plugin was installed with: a change reinstalls it. */
  fingerprint: string;
  /** The record's `updatedAt` last applied: a newer one restarts a failed plugin. */
  updatedAt: string;
}

/** `{code, message}` of an error, or of one that already crossed a boundary as JSON. */
function errorInfo(error: unknown): { code: string; message: string } {
  const json = error as { code?: unknown; message?: unknown } | null;
  const { code, message } =
    typeof json?.code === 'string' && typeof json.message === 'string'
      ? { code: json.code, message: json.message }
      : toHengError(error, 'internal');
  return { code, message: message.slice(0, 2000) };
}

export class EdgeApps implements AsyncDisposable {
  readonly #options: EdgeAppsOptions;
  readonly #status: PluginStatusWriter;
  readonly #installed = new Map<string, Installed>();
  readonly #dirty = new Set<string>();
  #everything = false;
  #working: Promise<void> = Promise.resolve();
  #feed: PouchDB.Core.Changes<object> | undefined;
  #closed = false;

  constructor(options: EdgeAppsOptions) {
    this.#options = options;
    this.#status = new PluginStatusWriter(options.control, options.site);
  }

  /** Starts following the control database from its beginning (what was installed before a restart). */
  start(): void {
    this.#feed = this.#options.control.changes({ since: 0, live: true });
    this.#feed.on('change', (change) => this.#changed(change.id));
  }

  /** For the host's `onStateChange`: every state change of a plugin it runs is reported. */
  hostChanged(status: PluginStatus): void {
    const installed = this.#installed.get(status.id);
    if (!installed) return;
    const report: PluginReport = {
      plugin: { id: status.id, version: status.version, digest: installed.digest },
      state: status.state,
      faults: status.faults,
    };
    if (status.lastError) report.lastError = errorInfo(status.lastError);
    this.#status.report(report);
  }

  /** Waits until every change seen so far is applied and reported. */
  async idle(): Promise<void> {
    let working: Promise<void>;
    do {
      working = this.#working;
      await working;
    } while (working !== this.#working);
    await this.#status.idle();
  }

  #changed(id: string): void {
    const kind = kindOf(id);
    if (!kind) return;
    if (kind === 'install') this.#dirty.add(id.slice('app-install/'.length));
    else this.#everything = true;
    this.#working = this.#working.then(() => this.#drain());
  }

  async #drain(): Promise<void> {
    if (this.#closed) return;
    if (this.#everything) {
      this.#everything = false;
      const records = await allWithPrefix<AppInstallDoc>(this.#options.control, 'app-install/');
      // By id, not by content: a malformed record is still one to refuse.
      for (const record of records) this.#dirty.add(record._id.slice('app-install/'.length));
      for (const id of this.#installed.keys()) this.#dirty.add(id);
    }
    for (const id of [...this.#dirty]) {
      this.#dirty.delete(id);
      if (this.#closed) return;
      try {
        await this.#apply(id);
      } catch (error) {
        // A record failing its schema (or naming another plugin or site) is refused, never
        // acted on: what ran from an earlier, valid record keeps running as it was.
        const info = errorInfo(error);
        const installed = this.#installed.get(id);
        this.#status.report({
          plugin: installed ? { id, version: installed.version, digest: installed.digest } : { id },
          state: info.code === 'invalid_input' ? 'refused' : 'failed',
          faults: 0,
          lastError: info,
        });
      }
    }
  }

  async #apply(id: string): Promise<void> {
    const { control, host, site } = this.#options;
    const record = await readInstall(control, id, site);
    let installed = this.#installed.get(id);
    if (!record || record.state === 'uninstalled') {
      if (installed) await this.#remove(id);
      if (record) this.#report(record, 'uninstalled');
      return;
    }
    const revoked = await readRevocation(control, record.plugin.digest);
    if (revoked) {
      if (installed) await this.#remove(id);
      const { doc, malformed } = revoked;
      this.#report(record, 'revoked', {
        code: 'package_revoked',
        message: malformed
          ? `${id}@${record.plugin.version} (${record.plugin.digest}) is revoked (${malformed})`
          : `${id}@${record.plugin.version} (${record.plugin.digest}) was revoked by ${doc.by} at ${doc.at}: ${doc.reason}`,
      });
      return;
    }
    const fingerprint = JSON.stringify([record.plugin, record.permissions, record.config]);
    if (installed && installed.fingerprint !== fingerprint) {
      // A new version, a rollback, new settings or a new grant: the old one goes first.
      await this.#remove(id);
      installed = undefined;
    }
    let restartFailed = false;
    if (!installed) {
      let bytes: Uint8Array | undefined;
      let trust: Awaited<ReturnType<typeof trustedKeys>>;
      try {
        const pkg = await readPackage(control, record);
        bytes = pkg && (await packageBytes(control, id, record.plugin.version));
        if (!pkg || !bytes) return this.#report(record, 'waiting');
        trust = await trustedKeys(control, pkg.keyId);
      } catch (error) {
        return this.#report(record, 'refused', errorInfo(error));
      }
      installed = { ...record.plugin, fingerprint, updatedAt: record.updatedAt };
      this.#installed.set(id, installed);
      try {
        await installVerified({ host, record, bytes, trust });
      } catch (error) {
        this.#installed.delete(id);
        return this.#report(record, 'refused', errorInfo(error));
      }
    } else if (installed.updatedAt !== record.updatedAt) {
      installed.updatedAt = record.updatedAt;
      restartFailed = true;
    }
    const { state } = host.status(id);
    if (record.state === 'stopped' || record.state === 'installed') {
      if (state !== 'stopped' && state !== 'installed') await host.deactivate(id);
    } else if (
      state === 'installed' ||
      state === 'stopped' ||
      (restartFailed && state === 'failed')
    ) {
      await host.activate(id);
    }
  }

  async #remove(id: string): Promise<void> {
    await this.#options.host.uninstall(id);
    this.#installed.delete(id);
  }

  #report(
    record: AppInstallDoc,
    state: PluginReport['state'],
    lastError?: PluginReport['lastError'],
  ): void {
    const report: PluginReport = { plugin: { ...record.plugin }, state, faults: 0 };
    if (lastError) report.lastError = lastError;
    this.#status.report(report);
  }

  async dispose(): Promise<void> {
    this.#closed = true;
    this.#feed?.cancel();
    await this.#working;
    await this.#status.idle();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
