/**
 * @module Each site's sync state as the hub sees it: when its edge was last seen at the gateway,
 * and what the edge last reported of itself (`site-status/current`: pending documents each way).
 */
import { HengError, SITE_STATUS_DOC_ID } from '@heng/schemas';
import { type Couch, couchStatus, siteDbName } from '../couch/index.ts';

/**
 * The default online window: an edge not seen at the gateway for this long is offline. A
 * connected edge is seen at least every 25 s even when idle (its control pull is a longpoll the
 * gateway ends after `limits.longpollMs`), and at every telemetry push, so 90 s is more than
 * three of its quietest intervals.
 */
export const ONLINE_WINDOW_MS = 90_000;

/** The shortest window accepted: below it a busy edge's own request rhythm decides, not the hub. */
export const MIN_ONLINE_WINDOW_MS = 5_000;

/** The longest window accepted (a day): past it "online" would say nothing. */
export const MAX_ONLINE_WINDOW_MS = 86_400_000;

export interface SyncTrackerOptions {
  /**
   * How long after its last request at the gateway an edge still counts as online, in ms
   * (default {@link ONLINE_WINDOW_MS}; whole ms from {@link MIN_ONLINE_WINDOW_MS} to
   * {@link MAX_ONLINE_WINDOW_MS}). Below about twice the gateway's longpoll bound (25 s), an idle
   * edge that pushes no telemetry can show offline between two longpolls.
   */
  onlineWindowMs?: number | undefined;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Checks an online window in ms.
 * @throws HengError `invalid_input` naming the value and the accepted range.
 */
export function checkOnlineWindow(ms: number): number {
  if (!Number.isInteger(ms) || ms < MIN_ONLINE_WINDOW_MS || ms > MAX_ONLINE_WINDOW_MS)
    throw new HengError(
      'invalid_input',
      `online window: must be a whole number of ms from ${MIN_ONLINE_WINDOW_MS} (${MIN_ONLINE_WINDOW_MS / 1000} s) to ${MAX_ONLINE_WINDOW_MS} (${MAX_ONLINE_WINDOW_MS / 1000} s), got ${ms}`,
    );
  return ms;
}

export interface SiteSyncState {
  online: boolean;
  /** Last authenticated request of the site's edge at the gateway, since this hub started. */
  lastSeen: string | null;
  /** Documents waiting to go edge → hub and hub → edge, as the edge last reported them. */
  pending: { push: number | null; pull: number | null };
  /** Milliseconds since the edge's last report, when there is one. */
  lagMs: number | null;
  /** When the edge last reported (its own clock). */
  reportedAt: string | null;
}

interface SiteStatusDoc {
  type: 'site-status';
  at?: string;
  pending?: { push?: number; pull?: number };
}

/** A report read from the store is reused this long unless the site watcher says it changed. */
const REPORT_CACHE_MS = 5000;

/** Remembers when each site's edge was last seen, and its last report. */
export class SyncTracker {
  readonly #seen = new Map<string, Date>();
  readonly #reports = new Map<string, { doc: SiteStatusDoc | undefined; at: number }>();
  readonly #now: () => Date;
  /** How long an edge counts as online after its last request, ms. */
  readonly onlineWindowMs: number;

  /** @throws HengError `invalid_input` when `onlineWindowMs` is out of range. */
  constructor(options: SyncTrackerOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.onlineWindowMs = checkOnlineWindow(options.onlineWindowMs ?? ONLINE_WINDOW_MS);
  }

  /** Called by the gateway on every authenticated request of an edge. */
  seen(site: string, at: Date = this.#now()): void {
    this.#seen.set(site, at);
  }

  lastSeen(site: string): Date | undefined {
    return this.#seen.get(site);
  }

  /** The site's report changed (the watcher saw `site-status/current`): read it again next time. */
  reportChanged(site: string): void {
    this.#reports.delete(site);
  }

  async #report(couch: Couch, site: string, now: Date): Promise<SiteStatusDoc | undefined> {
    const cached = this.#reports.get(site);
    if (cached && now.getTime() - cached.at < REPORT_CACHE_MS) return cached.doc;
    let doc: SiteStatusDoc | undefined;
    try {
      doc = await couch.db<SiteStatusDoc>(siteDbName(site, 'control')).get(SITE_STATUS_DOC_ID);
    } catch (err) {
      if (couchStatus(err) !== 404) throw err;
    }
    this.#reports.set(site, { doc, at: now.getTime() });
    return doc;
  }

  /** The state of one site, reading its edge's last report from its control database. */
  async state(couch: Couch, site: string): Promise<SiteSyncState> {
    const now = this.#now();
    const seen = this.#seen.get(site);
    const status = await this.#report(couch, site, now);
    const reported = status?.at ? new Date(status.at) : undefined;
    const valid = reported && !Number.isNaN(reported.getTime()) ? reported : undefined;
    return {
      online: seen !== undefined && now.getTime() - seen.getTime() < this.onlineWindowMs,
      lastSeen: seen?.toISOString() ?? null,
      pending: { push: status?.pending?.push ?? null, pull: status?.pending?.pull ?? null },
      lagMs: valid ? Math.max(0, now.getTime() - valid.getTime()) : null,
      reportedAt: valid?.toISOString() ?? null,
    };
  }
}
