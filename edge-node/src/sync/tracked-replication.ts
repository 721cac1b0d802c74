/**
 * @module One replication between the edge and the hub, in one direction, and what it tells of
 * the link: online, offline (retrying with backoff) or denied (the token was refused, so it stops
 * for good rather than knock on the door forever).
 */
import type { Replication, ReplicationInfo } from './replicate.ts';

/** How one replication stands. `done`: a one-shot replication that finished. */
export type LinkState = 'connecting' | 'online' | 'offline' | 'denied' | 'done';

/** PouchDB's error as the HTTP adapter makes it. */
interface ReplicationError {
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
}

/** True when the hub refused the token itself (401) or the site's access (403). */
export function isRefusal(error: unknown): boolean {
  const e = error as ReplicationError | null | undefined;
  const name = (e?.name ?? '').toLowerCase();
  return e?.status === 401 || e?.status === 403 || name === 'unauthorized' || name === 'forbidden';
}

/** A short, secret-free reason: PouchDB's errors carry no headers, so no token can leak here. */
function reasonOf(error: unknown): string {
  const e = error as ReplicationError | null | undefined;
  const status = e?.status ? `${e.status} ` : '';
  return `${status}${e?.reason ?? e?.message ?? String(error)}`.slice(0, 300);
}

export interface TrackedReplicationOptions {
  /** For status and logs, e.g. `control push` or `telemetry-20261128 push`. */
  name: string;
  direction: 'push' | 'pull';
  /** The local database (the source of a push, the target of a pull). */
  local: PouchDB.Database;
  replication: Replication;
  now: () => number;
  /** Told after every change of state, pending count or sync time. */
  onUpdate: (replication: TrackedReplication) => void;
  /** Told each time documents up to `seq` of the source are written at the other side. */
  onWritten?: (seq: number | string) => void;
}

export class TrackedReplication {
  readonly name: string;
  readonly direction: 'push' | 'pull';
  state: LinkState = 'connecting';
  /** Documents not yet across, as far as PouchDB tells. */
  pending = 0;
  lastSyncAt: number | undefined;
  /** The last failure, without secrets. */
  lastError: string | undefined;
  /** Documents the hub refused one by one (a type the edge may not write). */
  refusedDocs = 0;
  /** Documents written at the other side since this replication started. */
  docsWritten = 0;
  /** Settles when the replication has stopped: finished, cancelled, denied or failed. */
  readonly stopped: Promise<void>;
  readonly #options: TrackedReplicationOptions;
  #lastSeq: number | string | undefined;
  /**
   * Until when PouchDB waits out a backoff before its next try (`Date.now()` time, as its
   * timer). Its `cancel()` does not clear that timer: the replication ends only when it fires (up
   * to the backoff's cap, a minute), so `cancel()` does not wait for it.
   */
  #backoffUntil = 0;
  #cancelled = false;
  #resolveStopped: () => void = () => {};

  constructor(options: TrackedReplicationOptions) {
    this.#options = options;
    this.name = options.name;
    this.direction = options.direction;
    const { replication } = options;
    this.stopped = new Promise<void>((resolve) => {
      this.#resolveStopped = resolve;
      replication.on('complete', (info) => {
        this.#count(info);
        this.#written(info.last_seq);
        if (this.state !== 'denied') this.#set('done');
        resolve();
      });
      replication.on('error', (error) => {
        this.#failed(error);
        resolve();
      });
    });
    replication.on('change', (info) => {
      this.lastSyncAt = options.now();
      if (typeof info.pending === 'number') this.pending = info.pending;
      this.#count(info);
      this.#written(info.last_seq);
      this.#set('online');
      if (this.direction === 'push') void this.#countPushPending();
    });
    replication.on('active', () => this.#set('online'));
    replication.on('paused', (error) => {
      if (error) return this.#failed(error);
      this.lastSyncAt = options.now();
      this.pending = 0;
      this.#set('online');
    });
    // Emitted before each retry: the hub unreachable, or refusing us.
    replication.on('requestError', (error) => this.#failed(error));
    replication.on('backoff', (waitMs) => {
      this.#backoffUntil = Date.now() + waitMs;
      // Cancelled while a request was on its way (a checkpoint, say): it failed into a backoff.
      if (this.#cancelled) this.#stopWithoutWaiting();
    });
    replication.on('denied', () => {
      this.refusedDocs++;
      options.onUpdate(this);
    });
  }

  /**
   * Stops it (idempotent) and waits until PouchDB has let go; at once when it is waiting out a
   * backoff (it makes no request until its timer fires, and then only sees it was cancelled).
   */
  async cancel(): Promise<void> {
    this.#cancelled = true;
    this.#options.replication.cancel();
    if (Date.now() < this.#backoffUntil) this.#stopWithoutWaiting();
    await this.stopped;
  }

  /**
   * Settles `stopped` while PouchDB waits out its backoff. Not for a refused token: that backoff
   * is the first, short one, and the failed attempt may still be finishing its local writes.
   */
  #stopWithoutWaiting(): void {
    if (this.state !== 'denied') this.#resolveStopped();
  }

  #failed(error: unknown): void {
    this.lastError = reasonOf(error);
    if (isRefusal(error)) {
      // A revoked or wrong token: retrying would only hammer the hub. Stop and say so.
      this.#set('denied');
      void this.cancel();
      return;
    }
    if (this.state !== 'denied') this.#set('offline');
  }

  /** PouchDB's `docs_written` is the running total of this replication. */
  #count(info: ReplicationInfo): void {
    if (typeof info.docs_written === 'number') this.docsWritten = info.docs_written;
  }

  #written(seq: number | string | undefined): void {
    if (seq === undefined || seq === this.#lastSeq) return;
    this.#lastSeq = seq;
    this.#options.onWritten?.(seq);
  }

  async #countPushPending(): Promise<void> {
    const seq = this.#lastSeq;
    if (typeof seq !== 'number') return;
    try {
      const info = await this.#options.local.info();
      const update = Number(info.update_seq);
      if (Number.isFinite(update)) this.pending = Math.max(0, update - seq);
      this.#options.onUpdate(this);
    } catch {
      // The database closed while the edge stops: the count no longer matters.
    }
  }

  #set(state: LinkState): void {
    if (this.state !== 'denied') this.state = state;
    this.#options.onUpdate(this);
  }
}
