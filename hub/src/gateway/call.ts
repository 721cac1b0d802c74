/**
 * @module One authorised sync request, as the endpoint handlers get it: who, which database,
 * and the means to reach the store and the audit log.
 */
import type { AuditLog } from '../audit/types.ts';
import type { SiteDb } from '../couch/index.ts';
import type { EdgePrincipal } from './authenticate.ts';
import type { StoreRoute } from './upstream.ts';

/** The gateway's limits. */
export interface SyncLimits {
  /** Largest request body read (a `_bulk_docs` batch, a `_revs_diff`), in bytes. Default 8 MiB. */
  maxBodyBytes: number;
  /**
   * How long a longpoll `_changes` waits at most before answering "no changes", in ms. Default
   * 25 s: the embedded store never ends a longpoll by itself, and the gateway must read the
   * whole reply to withhold documents, so the wait is bounded here.
   */
  longpollMs: number;
}

export const DEFAULT_LIMITS: SyncLimits = { maxBodyBytes: 8 * 1024 * 1024, longpollMs: 25_000 };

export interface SyncCall {
  principal: EdgePrincipal;
  /** `edge:<site>`, for the audit log. */
  actor: string;
  db: SiteDb;
  /** The store's database, `heng-site-<site>-<db>`. */
  dbName: string;
  request: Request;
  search: URLSearchParams;
  /** `POST /sync/<site>/<db>/_bulk_docs`: where, in messages and audit entries. */
  where: string;
  /** Where the site's requests go and as whom, looked up when first sent (see `EdgeForwarding`). */
  couch: StoreRoute;
  audit: AuditLog;
  limits: SyncLimits;
}
