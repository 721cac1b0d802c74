/**
 * @module Follows one database's `_changes` feed over nano, page by page, as longpoll: the API
 * that the embedded express-pouchdb server and CouchDB 3 both answer the same way. A page moves
 * the feed on only once its handler has finished, and a store that is away is retried with
 * backoff.
 */
import { HengError, toHengError } from '@heng/schemas';
import type { Couch } from '../couch/index.ts';
import { storeError } from '../couch/index.ts';

/** A position in a changes feed: a number from express-pouchdb, an opaque string from CouchDB. */
export type Seq = string | number;

/** A document as the feed brings it (`include_docs`, `conflicts`). */
export interface FeedDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  [field: string]: unknown;
}

/** One row of the feed. */
export interface ChangeRow {
  id: string;
  seq: Seq;
  deleted?: boolean;
  doc?: FeedDoc;
}

export interface ChangesFeedOptions {
  couch: Couch;
  db: string;
  /** Where to start: a saved `last_seq`, or 0 for the beginning. */
  since: Seq;
  /** Handles one page; the feed moves past it when this resolves, and retries it when it throws. */
  onPage(rows: ChangeRow[], lastSeq: Seq): Promise<void>;
  /** A failed poll or page, with the delay before the next attempt. */
  onFault?(error: HengError, retryInMs: number): void;
  /** A poll or page that worked after faults. */
  onRecovered?(): void;
  /** How long one longpoll waits for a change (default 25 s). */
  longpollMs?: number;
  /** Rows per page (default 100). */
  pageSize?: number;
  /** Backoff after a failure: doubles from `initialMs` up to `maxMs` (default 250 ms to 30 s). */
  backoff?: { initialMs: number; maxMs: number };
  /** How long dispose waits for the page in hand (default 5 s). */
  disposeWaitMs?: number;
}

interface ChangesReply {
  results: ChangeRow[];
  last_seq: Seq;
}

function isReply(value: unknown): value is ChangesReply {
  const v = value as Partial<ChangesReply> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.results) && 'last_seq' in v;
}

/** A running follower of one database's changes. Dispose to stop it; it never throws. */
export class ChangesFeed implements AsyncDisposable {
  readonly #o: ChangesFeedOptions;
  readonly #stop = new AbortController();
  #since: Seq;
  #failures = 0;
  #running: Promise<void> | undefined;
  /** The ids of the page whose handler is running, for a shutdown that cannot wait for it. */
  #inHand: string[] | undefined;

  constructor(options: ChangesFeedOptions) {
    this.#o = options;
    this.#since = options.since;
  }

  /** The position after the last page handled. */
  get since(): Seq {
    return this.#since;
  }

  /** Failed attempts in a row (0 while the store answers). */
  get failures(): number {
    return this.#failures;
  }

  /** Starts following; calling it again does nothing. */
  start(): void {
    this.#running ??= this.#run();
  }

  async #run(): Promise<void> {
    const stop = this.#stop.signal;
    while (!stop.aborted) {
      try {
        const reply = await this.#poll();
        if (stop.aborted) break;
        if (reply && reply.results.length > 0) {
          this.#inHand = reply.results.map((r) => r.id);
          await this.#o.onPage(reply.results, reply.last_seq);
          this.#inHand = undefined;
        }
        if (reply) this.#since = reply.last_seq;
        if (this.#failures > 0) {
          this.#failures = 0;
          this.#o.onRecovered?.();
        }
      } catch (err) {
        if (stop.aborted) break;
        this.#failures++;
        const { initialMs, maxMs } = this.#o.backoff ?? { initialMs: 250, maxMs: 30_000 };
        const delay = Math.min(maxMs, initialMs * 2 ** (this.#failures - 1));
        this.#o.onFault?.(toHengError(err), delay);
        await pause(delay, stop);
      }
    }
  }

  /**
   * One longpoll. CouchDB ends it at `timeout`; express-pouchdb never does, so the wait is also
   * bounded here: a poll cut short that way (nano then resolves with no body) is simply empty.
   */
  async #poll(): Promise<ChangesReply | undefined> {
    const longpollMs = this.#o.longpollMs ?? 25_000;
    const cutOff = AbortSignal.timeout(longpollMs + 5_000);
    const signal = AbortSignal.any([this.#stop.signal, cutOff]);
    let reply: unknown;
    try {
      // `request` is nano's own, with the hub's credentials; its types omit `signal`, which it passes to fetch.
      reply = await this.#o.couch.server.request({
        db: this.#o.db,
        path: '_changes',
        qs: {
          feed: 'longpoll',
          since: this.#since,
          timeout: longpollMs,
          limit: this.#o.pageSize ?? 100,
          include_docs: true,
          conflicts: true,
        },
        signal,
      } as Parameters<Couch['server']['request']>[0]);
    } catch (err) {
      if (cutOff.aborted && !this.#stop.signal.aborted) return undefined;
      throw storeError(err, `follow the changes of ${this.#o.db}`);
    }
    if (isReply(reply)) return reply;
    if (signal.aborted) return undefined;
    throw new HengError(
      'store_unavailable',
      `could not follow the changes of ${this.#o.db}: the store's reply was cut off`,
    );
  }

  /**
   * Stops following and waits for the page in hand to finish, but not for ever: a handler stuck
   * on the store must not hold the hub's shutdown. Its page was not checkpointed, so the next
   * start handles it again (every handler can be repeated).
   */
  async dispose(): Promise<void> {
    this.#stop.abort();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = await Promise.race([
      this.#running?.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.#o.disposeWaitMs ?? DISPOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (gaveUp && this.#inHand)
      // Said, so that a handler stuck on the store can be found: which page, in which database.
      this.#o.onFault?.(
        new HengError(
          'internal',
          `stopped following ${this.#o.db} while its page handler still ran on ${this.#inHand.slice(0, 10).join(', ')}${this.#inHand.length > 10 ? ', …' : ''}: the page is handled again at the next start`,
        ),
        0,
      );
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** How long dispose waits for the page in hand. */
const DISPOSE_WAIT_MS = 5000;

/** Waits `ms`, or less when `signal` aborts: a backoff that dispose can cut short. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
