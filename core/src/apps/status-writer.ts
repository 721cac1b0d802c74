/**
 * @module Writes `plugin-status/<pluginId>` documents: the newest status of each plugin, one write
 * at a time, and none when nothing but the time changed (every write replicates to the hub). Each
 * is checked against the `plugin-status` schema first: the hub reads what the edge writes.
 */
import { assertDocument } from '@heng/schemas';
import { type PluginStatusDoc, pluginStatusDocId } from './documents.ts';
import type { AppRecords } from './records.ts';

export type PluginReport = Omit<PluginStatusDoc, '_id' | '_rev' | 'type' | 'site' | 'updatedAt'>;

function sameReport(a: PluginStatusDoc, b: PluginReport): boolean {
  return (
    a.state === b.state &&
    a.faults === b.faults &&
    JSON.stringify(a.plugin) === JSON.stringify(b.plugin) &&
    JSON.stringify(a.lastError ?? null) === JSON.stringify(b.lastError ?? null)
  );
}

export class PluginStatusWriter {
  readonly #control: AppRecords;
  readonly #site: string;
  readonly #onError: (error: Error) => void;
  readonly #waiting = new Map<string, PluginReport>();
  #writing: Promise<void> = Promise.resolve();

  /** `onError`: told when a report could not be written (default: a warning on stderr). */
  constructor(
    control: AppRecords,
    site: string,
    onError: (error: Error) => void = (error) =>
      console.warn(`heng: plugin status not written: ${error.message}`),
  ) {
    this.#control = control;
    this.#site = site;
    this.#onError = onError;
  }

  /** Queues the newest report of a plugin; an older one not yet written is replaced. */
  report(report: PluginReport): void {
    const queued = this.#waiting.has(report.plugin.id);
    this.#waiting.set(report.plugin.id, report);
    if (!queued) this.#writing = this.#writing.then(() => this.#write(report.plugin.id));
  }

  /** Waits until every queued report is written. */
  idle(): Promise<void> {
    return this.#writing;
  }

  async #write(id: string): Promise<void> {
    const report = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (!report) return;
    try {
      const existing = await this.#control.get<PluginStatusDoc>(pluginStatusDocId(id));
      if (existing && sameReport(existing, report)) return;
      const doc: PluginStatusDoc = {
        ...report,
        _id: pluginStatusDocId(id),
        type: 'plugin-status',
        site: this.#site,
        updatedAt: new Date().toISOString(),
      };
      if (existing?._rev) doc._rev = existing._rev;
      assertDocument('plugin-status', doc, doc._id);
      await this.#control.put(doc as PluginStatusDoc & Record<string, unknown>);
    } catch (error) {
      // Only one writer per id, so a conflict cannot come from here; a closed database at
      // shutdown loses a report the next start writes again.
      this.#onError(error as Error);
    }
  }
}
