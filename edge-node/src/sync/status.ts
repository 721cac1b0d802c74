/**
 * @module The edge's view of its link to the hub, summed over its replications, and the
 * `site-status/current` document that carries it to the hub, written at most every few seconds
 * and only when it changed.
 */
import {
  assertDocument,
  SITE_STATUS_DOC_ID,
  type SiteStatusDoc as SiteStatusSchema,
} from '@heng/schemas';
import edgePackage from '../../package.json' with { type: 'json' };
import type { TrackedReplication } from './tracked-replication.ts';

/** `connecting` until the hub first answers; `denied` once it refused the token (no retries). */
export type SyncState = 'connecting' | 'online' | 'offline' | 'denied';

export interface SyncStatus {
  state: SyncState;
  /** When a replication last caught up or moved documents (ISO). */
  lastSyncAt?: string;
  /** Documents waiting to go to the hub (`push`) and to come from it (`pull`). */
  pending: { push: number; pull: number };
  /** The last failure, secret-free, when offline or denied. */
  error?: string;
}

/** Sums the replications into one status: any denied wins, then any offline. */
export function summarise(replications: readonly TrackedReplication[]): SyncStatus {
  const status: SyncStatus = { state: 'connecting', pending: { push: 0, pull: 0 } };
  let last = 0;
  let anyUp = false;
  for (const r of replications) {
    status.pending[r.direction] += r.pending;
    if (r.lastSyncAt !== undefined && r.lastSyncAt > last) last = r.lastSyncAt;
    if (r.state === 'denied') status.state = 'denied';
    else if (r.state === 'offline' && status.state !== 'denied') status.state = 'offline';
    if (r.state === 'online' || r.state === 'done') anyUp = true;
    if ((r.state === 'denied' || r.state === 'offline') && r.lastError) status.error = r.lastError;
  }
  if (status.state === 'connecting' && anyUp) status.state = 'online';
  if (last) status.lastSyncAt = new Date(last).toISOString();
  return status;
}

/**
 * The document the hub reads for a site's health (schema `site-status`; hub README,
 * control-database contract).
 */
export type SiteStatusDoc = SiteStatusSchema & { _id: string };

export interface SiteStatusWriterOptions {
  control: PouchDB.Database;
  site: string;
  /** At most one write per this many ms (default 5 s). */
  everyMs?: number;
  now: () => number;
}

/**
 * Writes `site-status/current` when state or pending counts change, throttled. Sync times alone
 * do not count as a change: the write itself replicates, which would otherwise write again.
 */
export class SiteStatusWriter {
  readonly #options: SiteStatusWriterOptions;
  readonly #everyMs: number;
  #latest: SyncStatus | undefined;
  #writtenKey = '';
  #lastWriteAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: SiteStatusWriterOptions) {
    this.#options = options;
    this.#everyMs = options.everyMs ?? 5000;
  }

  /** Takes the newest status; writes it now or when the interval allows. */
  update(status: SyncStatus): void {
    this.#latest = status;
    if (this.#closed || this.#timer || keyOf(status) === this.#writtenKey) return;
    const wait = this.#lastWriteAt + this.#everyMs - this.#options.now();
    if (wait <= 0) this.#write();
    else this.#timer = setTimeout(() => this.#write(), wait);
  }

  /** Waits for the write in progress, if any. */
  idle(): Promise<void> {
    return this.#writing;
  }

  #write(): void {
    this.#timer = undefined;
    const status = this.#latest;
    if (this.#closed || !status || keyOf(status) === this.#writtenKey) return;
    this.#writtenKey = keyOf(status);
    this.#lastWriteAt = this.#options.now();
    this.#writing = this.#writing.then(() => this.#put(status)).catch(() => {});
  }

  async #put(status: SyncStatus): Promise<void> {
    const { control, site, now } = this.#options;
    const doc: SiteStatusDoc = {
      _id: SITE_STATUS_DOC_ID,
      type: 'site-status',
      site,
      at: new Date(now()).toISOString(),
      state: status.state,
      pending: status.pending,
      version: edgePackage.version,
    };
    if (status.lastSyncAt) doc.lastSyncAt = status.lastSyncAt;
    try {
      doc._rev = (await control.get(doc._id))._rev;
    } catch {
      // First write at this site.
    }
    // Checked before it leaves: the hub reads it for the site's health.
    assertDocument('site-status', doc, doc._id);
    await control.put(doc);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#writing;
  }
}

function keyOf(status: SyncStatus): string {
  return `${status.state}/${status.pending.push}/${status.pending.pull}`;
}
