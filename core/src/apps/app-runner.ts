/**
 * @module Runs the apps a records database asks for: follows install records, packages, trusted
 * keys and revocations, and brings the plugin host to what the records want, one plugin at a time
 * and in the order the records arrived. What runs is reported as `plugin-status/<pluginId>`.
 * The same runner serves an edge (its site's control database) and the hub (its apps database).
 */
import { siteDocRange, toHengError } from '@heng/schemas';
import type { PluginHost, PluginStatus } from '../lifecycle/index.ts';
import { readInstall, readPackage, readRevocation, trustedKeys } from './checked-records.ts';
import { type AppInstallDoc, kindOf, PACKAGE_ATTACHMENT, packageDocId } from './documents.ts';
import type { AppRecords } from './records.ts';
import { type PluginReport, PluginStatusWriter } from './status-writer.ts';
import { installVerified } from './verified-install.ts';

/** `app-install/`: the namespace of install records. */
const INSTALL_PREFIX = siteDocRange('install').startkey;

export interface AppRunnerOptions {
  /** Where this runner runs: a site id, or `hub`. Install records naming another place are refused. */
  site: string;
  records: AppRecords;
  host: PluginHost;
  /** Told when a status report could not be written (default: a warning on stderr). */
  onReportError?: (error: Error) => void;
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

export class AppRunner implements AsyncDisposable {
  readonly #options: AppRunnerOptions;
  readonly #status: PluginStatusWriter;
  readonly #installed = new Map<string, Installed>();
  readonly #dirty = new Set<string>();
  #everything = false;
  #working: Promise<void> = Promise.resolve();
  #feed: ReturnType<AppRecords['follow']> | undefined;
  #closed = false;
  readonly #unsubscribe: () => void;

  constructor(options: AppRunnerOptions) {
    this.#options = options;
    this.#status = new PluginStatusWriter(options.records, options.site, options.onReportError);
    // Every state change of a plugin the host runs (quarantine, failure) is reported.
    this.#unsubscribe = options.host.onStateChange((status) => this.#hostChanged(status));
  }

  /** Starts following the records from their beginning (what was installed before a restart). */
  start(): void {
    this.#feed = this.#options.records.follow((id) => this.#changed(id));
  }

  /** A state change of a plugin the host runs: reported, when the plugin is one of the runner's. */
  #hostChanged(status: PluginStatus): void {
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
    if (kind === 'install') this.#dirty.add(id.slice(INSTALL_PREFIX.length));
    else this.#everything = true;
    this.#working = this.#working.then(() => this.#drain());
  }

  async #drain(): Promise<void> {
    if (this.#closed) return;
    if (this.#everything) {
      this.#everything = false;
      const records = await this.#options.records.allWithPrefix<AppInstallDoc>(INSTALL_PREFIX);
      // By id, not by content: a malformed record is still one to refuse.
      for (const record of records) this.#dirty.add(record._id.slice(INSTALL_PREFIX.length));
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
    const { records, host, site } = this.#options;
    const record = await readInstall(records, id, site);
    let installed = this.#installed.get(id);
    if (!record || record.state === 'uninstalled') {
      if (installed) await this.#remove(id);
      if (record) this.#report(record, 'uninstalled');
      // A deleted record stops the plugin too, and its last report must not go on saying it runs.
      else
        this.#status.report({
          plugin: installed ? { id, version: installed.version, digest: installed.digest } : { id },
          state: 'uninstalled',
          faults: 0,
        });
      return;
    }
    const revoked = await readRevocation(records, record.plugin.digest);
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
        const pkg = await readPackage(records, record);
        bytes =
          pkg &&
          (await records.attachment(packageDocId(id, record.plugin.version), PACKAGE_ATTACHMENT));
        if (!pkg || !bytes) return this.#report(record, 'waiting');
        trust = await trustedKeys(records, pkg.keyId);
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
    this.#unsubscribe();
    await this.#feed?.cancel();
    await this.#working;
    await this.#status.idle();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
