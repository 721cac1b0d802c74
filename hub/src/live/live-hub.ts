/**
 * @module The hub's live updates, shared by every connected client: one poll of the sites' sync
 * state and one changes feed per site's control database (and one on the hub's own, for the
 * events its plugins raise and the apps it runs, sent with site `hub`), started with the first
 * client and stopped with the last. Each message goes only to the clients allowed to see it.
 */
import type { DataClass } from '@heng/schemas';
import { HUB_PLACE_FACTS } from '../api/site-access.ts';
import { mayActAtSite, type PlaceFacts } from '../auth/index.ts';
import { type Ability, cleared, type Principal } from '../auth/types.ts';
import { type Couch, controlDbOf, HUB_DB, HUB_PLACE } from '../couch/index.ts';
import type { SiteSyncState, SyncTracker } from '../sites/sync-state.ts';
import { type ChangeRow, ChangesFeed } from '../watch/index.ts';
import { appPluginOf, type LiveApp, readLiveApp } from './app-message.ts';
import type { SseClient } from './sse.ts';

export interface LiveHubOptions {
  couch: Couch;
  tracker: SyncTracker;
  /** How often the sync state is polled (default 3 s). */
  pollMs?: number;
  /** Longpoll wait of the changes feeds (default 25 s). */
  longpollMs?: number;
}

interface Subscriber {
  principal: Principal;
  client: SseClient;
}

interface SiteDoc {
  type?: string;
  id?: string;
  dataClass?: DataClass;
  organisation?: string;
}

/** What the live hub keeps of a registered site to decide who may see its messages. */
type SiteAccess = Pick<SiteDoc, 'dataClass' | 'organisation'>;

/**
 * What each message needs at its place, as the REST route that shows the same thing: `site` and
 * `outcome` (GET /api/sites/:site, …/commands/:id) `sites:read`, `event` `events:read`, `app`
 * `installs:read`.
 */
const NEEDS: Readonly<Record<'site' | 'outcome' | 'event' | 'app', Ability>> = {
  site: 'sites:read',
  outcome: 'sites:read',
  event: 'events:read',
  app: 'installs:read',
};

/** What the sync-state comparison looks at: `lagMs` grows every poll and is not a change. */
const fingerprint = (s: SiteSyncState) =>
  JSON.stringify([s.online, s.lastSeen, s.pending, s.reportedAt]);

/**
 * Follows the sites for every live client at once. `subscribe` a client's stream; `close()` on
 * hub shutdown ends every stream and stops the feeds.
 */
export class LiveHub implements AsyncDisposable {
  readonly #o: LiveHubOptions;
  readonly #subscribers = new Set<Subscriber>();
  readonly #sites = new Map<string, SiteAccess>();
  readonly #last = new Map<string, { print: string; state: SiteSyncState }>();
  readonly #feeds = new Map<string, Promise<ChangesFeed | undefined>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling: Promise<void> | undefined;
  #closed = false;

  constructor(options: LiveHubOptions) {
    this.#o = options;
  }

  /** Adds a client; it first gets the current state of each site it may see. */
  async subscribe(principal: Principal, client: SseClient): Promise<() => void> {
    const subscriber: Subscriber = { principal, client };
    if (this.#closed) {
      client.close();
      return () => {};
    }
    this.#subscribers.add(subscriber);
    // The first client starts the polling; a later one waits for a round in progress.
    await (this.#subscribers.size === 1 ? this.#poll() : this.#polling);
    for (const [site, { state }] of this.#last)
      if (this.#may(subscriber, 'site', site)) client.send('site', { site, sync: state });
    return () => this.#unsubscribe(subscriber);
  }

  /** Clients connected now. */
  get clients(): number {
    return this.#subscribers.size;
  }

  #unsubscribe(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size === 0) void this.#stop();
  }

  /**
   * Whether a subscriber may get a message of this kind from this place: `siteAccess`, the rule
   * of every REST route of a site (clearance for the site's class, organisation for a
   * technician); the hub is a place of its own (public, of no organisation).
   */
  #may(s: Subscriber, kind: keyof typeof NEEDS, site: string): boolean {
    return mayActAtSite(s.principal, NEEDS[kind], this.#placeOf(site));
  }

  #placeOf(site: string): PlaceFacts | undefined {
    if (site === HUB_PLACE) return HUB_PLACE_FACTS;
    const access = this.#sites.get(site);
    return access && { id: site, ...access };
  }

  /** One round: the site list, each site's state (sent on change), a feed for each new site. */
  #poll(): Promise<void> {
    this.#polling ??= (async () => {
      try {
        await this.#round();
      } catch {
        // The store is away: the next round tries again; clients keep their last state.
      } finally {
        this.#polling = undefined;
        clearTimeout(this.#timer);
        if (!this.#closed && this.#subscribers.size > 0) {
          this.#timer = setTimeout(() => void this.#poll(), this.#o.pollMs ?? 3000);
          this.#timer.unref?.();
        }
      }
    })();
    return this.#polling;
  }

  async #round(): Promise<void> {
    const { couch, tracker } = this.#o;
    const rows = await couch
      .db<SiteDoc>(HUB_DB)
      .list({ startkey: 'site/', endkey: 'site/\ufff0', include_docs: true });
    for (const row of rows.rows)
      if (row.doc?.type === 'site' && typeof row.doc.id === 'string')
        this.#sites.set(row.doc.id, {
          dataClass: row.doc.dataClass,
          organisation: row.doc.organisation,
        });
    if (!this.#feeds.has(HUB_PLACE)) this.#feeds.set(HUB_PLACE, this.#follow(HUB_PLACE));
    for (const site of this.#sites.keys()) {
      if (!this.#feeds.has(site)) this.#feeds.set(site, this.#follow(site));
      const state = await tracker.state(couch, site);
      const print = fingerprint(state);
      if (this.#last.get(site)?.print === print) continue;
      this.#last.set(site, { print, state });
      this.#broadcast(site, 'site', { site, sync: state }, () => true);
    }
  }

  async #follow(site: string): Promise<ChangesFeed | undefined> {
    const db = controlDbOf(site);
    let since: string | number;
    try {
      // From now on: the live feed tells what happens, the REST routes what happened before.
      since = ((await this.#o.couch.db(db).info()) as { update_seq: string | number }).update_seq;
    } catch {
      this.#feeds.delete(site); // the next poll round tries again
      return undefined;
    }
    if (this.#closed || this.#subscribers.size === 0) return undefined;
    const feed = new ChangesFeed({
      couch: this.#o.couch,
      db,
      since,
      ...(this.#o.longpollMs ? { longpollMs: this.#o.longpollMs } : {}),
      onPage: async (rows) => this.#changes(site, rows),
    });
    feed.start();
    return feed;
  }

  async #changes(site: string, rows: ChangeRow[]): Promise<void> {
    const apps = new Set<string>();
    for (const { id, doc, deleted } of rows) {
      const plugin = appPluginOf(id);
      if (plugin !== undefined) apps.add(plugin);
      if (!doc || deleted) continue;
      if (doc['type'] === 'event') {
        const { _id, _rev, ...event } = doc;
        const dataClass = (event['dataClass'] as DataClass | undefined) ?? 'internal';
        this.#broadcast(site, 'event', { site, event }, (s) =>
          cleared(s.principal.clearance, dataClass),
        );
      } else if (doc['type'] === 'command-outcome') {
        const { _id, _rev, ...outcome } = doc;
        this.#broadcast(site, 'outcome', { site, outcome }, () => true);
      }
    }
    for (const plugin of apps) await this.#sendApp(site, plugin);
  }

  /**
   * Sends a plugin's install record and report as they are now, read afresh: a page may hold
   * only one of the two, or an older revision. A read that fails is skipped rather than thrown,
   * since a thrown page is handled again and its events would be sent twice; the shell then
   * shows the plugin's previous state until its next change (or its own reload).
   */
  async #sendApp(site: string, plugin: string): Promise<void> {
    if (![...this.#subscribers].some((s) => this.#may(s, 'app', site))) return;
    let app: LiveApp;
    try {
      app = await readLiveApp(this.#o.couch, site, plugin);
    } catch {
      return;
    }
    this.#broadcast(site, 'app', app, () => true);
  }

  /** Sends to every subscriber that may get this kind of message from `site` and passes `also`. */
  #broadcast(
    site: string,
    kind: keyof typeof NEEDS,
    data: unknown,
    also: (s: Subscriber) => boolean,
  ): void {
    for (const s of this.#subscribers)
      if (this.#may(s, kind, site) && also(s)) s.client.send(kind, data);
  }

  /** Stops polling and following (no client left); the state is forgotten, and sent anew later. */
  async #stop(): Promise<void> {
    clearTimeout(this.#timer);
    const feeds = [...this.#feeds.values()];
    this.#feeds.clear();
    this.#last.clear();
    await Promise.all(feeds.map(async (f) => (await f)?.dispose()));
  }

  /** Ends every client's stream and stops the feeds (hub shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const s of [...this.#subscribers]) s.client.close();
    this.#subscribers.clear();
    await this.#polling;
    await this.#stop();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
