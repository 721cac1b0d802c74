/**
 * @module A site's telemetry at the hub, page by page: batches in the order of their ids (the
 * edge's flush time first, `tb/<ms, 15 digits>/<device>/<writer>-<n>`), newest or oldest first,
 * optionally of one device and within a time window, with a `next` cursor that stays valid while
 * batches arrive. Telemetry has no data class of its own: it takes the site's.
 */
import type { Site, TelemetryBatch } from '@heng/schemas';
import { HengError } from '@heng/schemas';
import type nano from 'nano';
import { cleared, type Principal } from '../auth/types.ts';
import { type Couch, siteDbName, storeError } from '../couch/index.ts';

/** The most batches one page holds. */
export const MAX_TELEMETRY_PAGE = 1000;
/** Batch ids read per request when filtering by device, so a rare device cannot make it unbounded. */
export const MAX_SCANNED_IDS = 20_000;

/** What a reader asks for (`GET /api/sites/:site/telemetry`). */
export interface TelemetryPageRequest {
  limit: number;
  /** `desc`: newest first (the default); `asc`: oldest first, to follow what arrives. */
  order: 'asc' | 'desc';
  /** Only this device's batches. */
  device?: string;
  /** The `next` of the previous page: this page starts after that batch. */
  cursor?: string;
  /** Batches flushed at or after this time (ISO). */
  since?: string;
  /** Batches flushed before this time (ISO). */
  until?: string;
}

/** A stored batch with its id, the position a cursor names. */
export type TelemetryBatchWithId = TelemetryBatch & { id: string };

export interface TelemetryPage {
  batches: TelemetryBatchWithId[];
  /** Pass as `cursor` for the next page; null when there is none (yet, in `asc` order). */
  next: string | null;
}

const BATCH_ID = /^tb\/\d{15}\/[A-Za-z0-9_.-]{1,128}\/[^/]{1,64}$/;
const DEVICE = /^[A-Za-z0-9_.-]{1,128}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(name: string, rule: string, raw: string): HengError {
  return new HengError('invalid_input', `query ${name}: ${rule}, got ${JSON.stringify(raw)}`);
}

/** Reads and checks the query; every error names the parameter and what it must be. */
export function telemetryPageRequest(
  query: (name: string) => string | undefined,
): TelemetryPageRequest {
  const given = (name: string) => {
    const raw = query(name);
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const request: TelemetryPageRequest = { limit: 20, order: 'desc' };
  const limit = given('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_TELEMETRY_PAGE)
      throw invalid('limit', `must be a whole number 1..${MAX_TELEMETRY_PAGE}`, limit);
    request.limit = n;
  }
  const order = given('order');
  if (order !== undefined) {
    if (order !== 'asc' && order !== 'desc') throw invalid('order', 'must be asc or desc', order);
    request.order = order;
  }
  const device = given('device');
  if (device !== undefined) {
    if (!DEVICE.test(device))
      throw invalid('device', 'must be a device id (letters, digits, _ . -)', device);
    request.device = device;
  }
  const cursor = given('cursor');
  if (cursor !== undefined) {
    if (!BATCH_ID.test(cursor))
      throw invalid('cursor', "must be the 'next' of a previous page (a batch id)", cursor);
    request.cursor = cursor;
  }
  for (const name of ['since', 'until'] as const) {
    const time = given(name);
    if (time === undefined) continue;
    if (!ISO_TIME.test(time) || Number.isNaN(Date.parse(time)))
      throw invalid(name, 'must be an ISO time, e.g. 2026-11-28T08:00:00Z', time);
    request[name] = time;
  }
  return request;
}

/** The id prefix of batches flushed at `time`: ids compare as their flush times do. */
function keyAt(time: string): string {
  return `tb/${Date.parse(time).toString().padStart(15, '0')}`;
}

/** The device a batch id names (the edge writes `tb/<stamp>/<device>/<writer>-<n>`). */
function deviceOf(id: string): string | undefined {
  return id.split('/')[2];
}

/**
 * One page of a site's telemetry batches, for a principal cleared for the site's data class (an
 * empty last page otherwise). A page may hold fewer than `limit` batches while `next` is not null
 * (a device filter scans at most `MAX_SCANNED_IDS` ids per request): follow `next` until null.
 */
export async function telemetryPage(
  couch: Couch,
  site: Site,
  principal: Principal,
  request: TelemetryPageRequest,
  maxScannedIds = MAX_SCANNED_IDS,
): Promise<TelemetryPage> {
  if (!cleared(principal.clearance, site.dataClass)) return { batches: [], next: null };
  const db = couch.db<TelemetryBatch>(siteDbName(site.id, 'telemetry'));
  const desc = request.order === 'desc';
  // The window in the order of reading: from `start` on, up to `end` (both as _all_docs keys).
  const low = request.since ? keyAt(request.since) : 'tb/';
  const high = request.until ? keyAt(request.until) : 'tb/\ufff0';
  const end = desc ? low : high;
  let start = desc ? high : low;
  const { cursor } = request;
  if (cursor) {
    // A cursor past the window's end (a page of another query) leads nowhere; one before its
    // start changes nothing.
    if (desc ? cursor < low : cursor > high) return { batches: [], next: null };
    if (desc ? cursor < high : cursor > low) start = cursor;
  }
  const ids: string[] = [];
  let scanned = 0;
  let more = true;
  // The id the next read starts at and leaves out (`_all_docs` ranges include their start).
  let after = request.cursor;
  try {
    while (ids.length <= request.limit && more && scanned < maxScannedIds) {
      const want = request.device
        ? Math.min(1000, maxScannedIds - scanned)
        : request.limit + 1 - ids.length;
      const take = want + (after ? 1 : 0);
      const { rows } = await db.list({
        startkey: start,
        endkey: end,
        descending: desc,
        limit: take,
      });
      more = rows.length === take;
      for (const row of rows) {
        if (row.id === after) continue;
        scanned++;
        after = row.id;
        if (!request.device || deviceOf(row.id) === request.device) ids.push(row.id);
        if (ids.length > request.limit) break;
      }
      if (after) start = after;
    }
    const page = ids.slice(0, request.limit);
    const full = ids.length > request.limit;
    const batches = page.length ? await read(db, page) : [];
    // More to read: after the last batch given, or after the last id a device's scan reached.
    const next = full ? (page.at(-1) ?? null) : more && after ? after : null;
    return { batches, next };
  } catch (err) {
    throw storeError(err, `read telemetry of ${site.id}`);
  }
}

async function read(
  db: nano.DocumentScope<TelemetryBatch>,
  ids: string[],
): Promise<TelemetryBatchWithId[]> {
  const { rows } = await db.fetch({ keys: ids });
  const batches: TelemetryBatchWithId[] = [];
  for (const row of rows) {
    if (!('doc' in row) || !row.doc) continue;
    const { _id, _rev, ...batch } = row.doc as TelemetryBatch & { _id: string; _rev?: string };
    if (batch.type === 'telemetry-batch') batches.push({ id: _id, ...batch });
  }
  return batches;
}
