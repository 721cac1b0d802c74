/**
 * @module The hub following its sites: one changes feed per registered site's control database
 * (and one on the hub's own apps database, as the place `hub`), resumed from the position saved
 * in `heng-hub`. On each change it settles conflicts by the documented rule, answers a plugin that
 * keeps crashing with the catalog's automatic rollback, and tells of events that came up.
 */
import { EventEmitter } from 'node:events';
import {
  type HengError,
  type HengEvent,
  isPluginStatus as isPluginStatusDoc,
  siteDocKind,
  toHengError,
} from '@heng/schemas';
import type { AuditLog } from '../audit/types.ts';
import type { AutoRollbackOutcome, Catalog, PluginStatusDoc } from '../catalog/index.ts';
import { type Couch, controlDbOf, HUB_DB, storeError } from '../couch/index.ts';
import { WatchCheckpoint } from './checkpoint.ts';
import { type ConflictResolution, settleConflicts } from './conflicts.ts';
import { CRASH_STATES, recordCrash } from './crash-report.ts';
import {
  type ChangeRow,
  ChangesFeed,
  type ChangesFeedOptions,
  type FeedDoc,
  pause,
  type Seq,
} from './feed.ts';

/** What the watcher tells whoever listens (logs, tests, health). */
export interface WatchEvents {
  /** A page of changes was handled and its position saved. */
  page: [{ site: string; since: Seq; ids: string[] }];
  conflict: [ConflictResolution];
  /** A site reported a plugin failing; `outcome` is what the automatic rollback did. */
  crash: [{ site: string; plugin: string; state: string; outcome: AutoRollbackOutcome }];
  /** Something failed; with `retryInMs` the store was away and the watch retries. */
  fault: [{ site: string; error: HengError; docId?: string; retryInMs?: number }];
  /** The store answers again after faults. */
  recovered: [{ site: string }];
  /** An event raised at a site reached the hub (each at least once: a replayed page repeats it). */
  event: [{ site: string; event: HengEvent }];
}

export interface SiteWatcherOptions {
  couch: Couch;
  audit: AuditLog;
  catalog: Pick<Catalog, 'applyAutoRollback'>;
  now?: () => Date;
  /** Longpoll wait, page size and backoff of each site's feed (see ChangesFeedOptions). */
  feed?: Pick<ChangesFeedOptions, 'longpollMs' | 'pageSize' | 'backoff'>;
}

/** A replicated report the hub may act on: valid against its schema, naming the exact package. */
function isPluginStatus(doc: FeedDoc): doc is FeedDoc & PluginStatusDoc {
  return (
    isPluginStatusDoc(doc) &&
    typeof doc.plugin.version === 'string' &&
    typeof doc.plugin.digest === 'string'
  );
}

function isEvent(doc: FeedDoc): boolean {
  return (
    doc['type'] === 'event' &&
    siteDocKind('control', doc._id)?.kind === 'event' &&
    typeof doc['topic'] === 'string' &&
    typeof doc['id'] === 'string'
  );
}

/**
 * Follows every registered site. Call {@link SiteWatcher.start} once at start-up and
 * {@link SiteWatcher.watch} when a site is registered; dispose it before closing the store.
 *
 * @example
 * const watcher = new SiteWatcher({ couch, audit, catalog });
 * watcher.on('fault', ({ site, error }) => console.warn(`watch ${site}: ${error.message}`));
 * await watcher.start();
 * // after registry.register(site): await watcher.watch(site.id);
 */
export class SiteWatcher extends EventEmitter<WatchEvents> implements AsyncDisposable {
  readonly #o: SiteWatcherOptions;
  readonly #stop = new AbortController();
  readonly #feeds = new Map<string, Promise<ChangesFeed | undefined>>();

  constructor(options: SiteWatcherOptions) {
    super();
    this.#o = options;
  }

  /** Watches every site registered in `heng-hub`; returns their ids. */
  async start(): Promise<string[]> {
    let rows: Array<{ doc?: { type?: string; id?: string } | null }>;
    try {
      const list = await this.#o.couch
        .db<{ type?: string; id?: string }>(HUB_DB)
        .list({ startkey: 'site/', endkey: 'site/\ufff0', include_docs: true });
      rows = list.rows;
    } catch (err) {
      throw storeError(err, 'list the sites to watch');
    }
    const sites = rows.flatMap((r) =>
      r.doc?.type === 'site' && typeof r.doc.id === 'string' ? [r.doc.id] : [],
    );
    await Promise.all(sites.map((s) => this.watch(s)));
    return sites;
  }

  /**
   * Follows one site from its saved position; resolves once following. Watching a site already
   * watched does nothing. While the store is away the position is read again with backoff.
   */
  watch(site: string): Promise<void> {
    controlDbOf(site); // refuses an id that cannot name a site's database
    let feed = this.#feeds.get(site);
    if (!feed) {
      feed = this.#follow(site);
      this.#feeds.set(site, feed);
    }
    return feed.then(() => undefined);
  }

  /** The sites being watched. */
  watching(): string[] {
    return [...this.#feeds.keys()];
  }

  /** Where a site's watch is, and how many attempts in a row failed. */
  async position(site: string): Promise<{ since: Seq; failures: number } | undefined> {
    const feed = await this.#feeds.get(site);
    return feed && { since: feed.since, failures: feed.failures };
  }

  /** Stops watching one site (a site being removed). */
  async unwatch(site: string): Promise<void> {
    const feed = this.#feeds.get(site);
    this.#feeds.delete(site);
    await (await feed)?.dispose();
  }

  async #follow(site: string): Promise<ChangesFeed | undefined> {
    const checkpoint = new WatchCheckpoint(this.#o.couch, site);
    const { initialMs, maxMs } = this.#o.feed?.backoff ?? { initialMs: 250, maxMs: 30_000 };
    let since: Seq | undefined;
    for (let failures = 0; since === undefined && !this.#stop.signal.aborted; failures++) {
      try {
        since = await checkpoint.load();
      } catch (err) {
        const retryInMs = Math.min(maxMs, initialMs * 2 ** failures);
        this.emit('fault', { site, error: toHengError(err), retryInMs });
        await pause(retryInMs, this.#stop.signal);
      }
    }
    if (since === undefined) return undefined;
    const feed = new ChangesFeed({
      ...this.#o.feed,
      couch: this.#o.couch,
      db: controlDbOf(site),
      since,
      onPage: (rows, lastSeq) => this.#page(site, checkpoint, rows, lastSeq),
      onFault: (error, retryInMs) => this.emit('fault', { site, error, retryInMs }),
      onRecovered: () => this.emit('recovered', { site }),
    });
    feed.start();
    return feed;
  }

  async #page(
    site: string,
    checkpoint: WatchCheckpoint,
    rows: ChangeRow[],
    lastSeq: Seq,
  ): Promise<void> {
    for (const row of rows) {
      if (row.deleted || !row.doc) continue;
      try {
        await this.#change(site, row.doc);
      } catch (err) {
        const error = toHengError(err);
        // The store going away retries the page; a document that cannot be handled must not stop the watch.
        if (error.code === 'store_unavailable') throw error;
        this.emit('fault', { site, error, docId: row.id });
      }
    }
    await checkpoint.save(lastSeq, this.#stamp());
    this.emit('page', { site, since: lastSeq, ids: rows.map((r) => r.id) });
  }

  async #change(site: string, doc: FeedDoc): Promise<void> {
    let current: FeedDoc | undefined = doc;
    if (doc._conflicts?.length) {
      const resolution = await settleConflicts(this.#o, site, doc._id);
      if (resolution) {
        this.emit('conflict', resolution);
        // The feed's copy may have been a loser; the winner comes back as the next change.
        current = resolution.winner === doc._rev ? doc : undefined;
      }
    }
    if (current && isEvent(current)) {
      const { _id: _i, _rev: _r, type: _t, _conflicts: _c, ...event } = current;
      this.emit('event', { site, event: event as unknown as HengEvent });
      return;
    }
    if (!current || !isPluginStatus(current) || !CRASH_STATES.has(current.state)) return;
    const outcome = await this.#o.catalog.applyAutoRollback(site, current);
    await recordCrash(this.#o.couch, site, current, outcome, this.#stamp());
    this.emit('crash', { site, plugin: current.plugin.id, state: current.state, outcome });
  }

  #stamp(): string {
    return (this.#o.now?.() ?? new Date()).toISOString();
  }

  /** Stops every feed and waits for the pages in hand. */
  async dispose(): Promise<void> {
    this.#stop.abort();
    const feeds = [...this.#feeds.values()];
    this.#feeds.clear();
    await Promise.all(feeds.map(async (f) => (await f)?.dispose()));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
