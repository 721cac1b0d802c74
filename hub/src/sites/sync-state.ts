/**
 * @module Each site's sync state as the hub sees it: when its edge was last seen at the gateway,
 * and what the edge last reported of itself (`site-status/current`: pending documents each way).
 */
import { type Couch, couchStatus, siteDbName } from '../couch/index.ts';

/** An edge not seen for this long is offline. Edges refresh their status at least twice in it. */
export const ONLINE_WINDOW_MS = 90_000;

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

/** Remembers when each site's edge was last seen. */
export class SyncTracker {
  readonly #seen = new Map<string, Date>();
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** Called by the gateway on every authenticated request of an edge. */
  seen(site: string, at: Date = this.#now()): void {
    this.#seen.set(site, at);
  }

  lastSeen(site: string): Date | undefined {
    return this.#seen.get(site);
  }

  /** The state of one site, reading its edge's last report from its control database. */
  async state(couch: Couch, site: string): Promise<SiteSyncState> {
    const now = this.#now();
    const seen = this.#seen.get(site);
    let status: SiteStatusDoc | undefined;
    try {
      status = await couch
        .db<SiteStatusDoc>(siteDbName(site, 'control'))
        .get('site-status/current');
    } catch (err) {
      if (couchStatus(err) !== 404) throw err;
    }
    const reported = status?.at ? new Date(status.at) : undefined;
    const valid = reported && !Number.isNaN(reported.getTime()) ? reported : undefined;
    return {
      online: seen !== undefined && now.getTime() - seen.getTime() < ONLINE_WINDOW_MS,
      lastSeen: seen?.toISOString() ?? null,
      pending: { push: status?.pending?.push ?? null, pull: status?.pending?.pull ?? null },
      lagMs: valid ? Math.max(0, now.getTime() - valid.getTime()) : null,
      reportedAt: valid?.toISOString() ?? null,
    };
  }
}
