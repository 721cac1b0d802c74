/**
 * @module Reads the audit log for the API: newest first, filtered by who, what, on what, how it
 * ended and when, in pages.
 */
import type nano from 'nano';
import { storeError } from '../couch/index.ts';
import { AUDIT_PREFIX, auditDocId, entryOf } from './chain.ts';
import type { AuditDoc, AuditEntry } from './types.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: AuditEntry['outcome'];
  /** ISO time: entries at or after it. */
  since?: string;
  /** ISO time: entries at or before it. */
  until?: string;
  /** Page size, 1–500; default 50. */
  limit?: number;
  /** Only entries with a smaller seq: the `next` of the previous page. */
  before?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next?: number;
}

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 500;
const SCAN = 200;

function matches(entry: AuditEntry, filter: AuditFilter, since: number, until: number): boolean {
  if (filter.actor !== undefined && entry.actor !== filter.actor) return false;
  if (filter.action !== undefined && entry.action !== filter.action) return false;
  if (filter.target !== undefined && entry.target !== filter.target) return false;
  if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false;
  const at = Date.parse(entry.at);
  return at >= since && at <= until;
}

/**
 * Scans backwards from `before` until a page is full. A filter that matches little scans much of
 * the log; an index (a view) is the fix when logs grow large.
 */
export async function listEntries(
  db: nano.DocumentScope<AuditDoc>,
  filter: AuditFilter,
): Promise<AuditPage> {
  const limit = Math.min(
    Math.max(1, Math.floor(filter.limit ?? DEFAULT_AUDIT_PAGE)),
    MAX_AUDIT_PAGE,
  );
  const since = filter.since ? Date.parse(filter.since) : Number.NEGATIVE_INFINITY;
  const until = filter.until ? Date.parse(filter.until) : Number.POSITIVE_INFINITY;
  const entries: AuditEntry[] = [];
  let startkey =
    filter.before !== undefined ? auditDocId(filter.before - 1) : `${AUDIT_PREFIX}\ufff0`;
  if (filter.before !== undefined && filter.before <= 1) return { entries };
  for (;;) {
    let rows: nano.DocumentResponseRow<AuditDoc>[];
    try {
      const page = await db.list({
        startkey,
        endkey: AUDIT_PREFIX,
        descending: true,
        limit: SCAN + 1,
        include_docs: true,
      });
      rows = page.rows;
    } catch (err) {
      throw storeError(err, 'read the audit log');
    }
    for (const row of rows.slice(0, SCAN)) {
      if (!row.doc) continue;
      const entry = entryOf(row.doc);
      if (!matches(entry, filter, since, until)) continue;
      entries.push(entry);
      if (entries.length === limit) {
        return entry.seq > 1 ? { entries, next: entry.seq } : { entries };
      }
    }
    const more = rows[SCAN];
    if (!more) return { entries };
    startkey = more.id;
  }
}
