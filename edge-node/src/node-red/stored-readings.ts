/**
 * @module The latest readings a site has stored, per device, newest first: what a technician looks
 * at to see that a flow's readings really reached the local store (not just passed through a node).
 */
import type { BatchReading, TelemetryBatch } from '@heng/schemas';
import { HengError } from '@heng/schemas';

/** The day segments of a site's telemetry, newest last (`SegmentedTelemetry` is one). */
export interface StoredReadingsSource {
  names(): Promise<string[]>;
  segment(name: string): Promise<PouchDB.Database>;
}

export interface StoredReadingsQuery {
  /** Only this device's readings. */
  device?: string;
  /** Readings per device, newest first (1..1000, default 20). */
  limit?: number;
}

export interface StoredReadings {
  /** Per device, its latest stored readings, newest first, each with its time and quality. */
  devices: Record<string, BatchReading[]>;
  /** Batches looked at; at most `MAX_SCANNED_BATCHES`, so an old device may be missing. */
  scannedBatches: number;
}

/** Where the editor's admin API serves them (`?device=&limit=`), relative to its root. */
export const READINGS_ROUTE = 'heng/readings';

export const DEFAULT_READINGS_LIMIT = 20;
/**
 * A view for a person, not an export: a bounded scan of the newest batches keeps the answer quick
 * on a site with months of telemetry (batch ids sort by time, so the newest come first).
 */
export const MAX_SCANNED_BATCHES = 2000;
const PAGE = 100;

/** Checks a query's values, naming the bad one; the HTTP route answers 400 with the message. */
export function checkReadingsQuery(
  query: StoredReadingsQuery,
): Required<Pick<StoredReadingsQuery, 'limit'>> & StoredReadingsQuery {
  const limit = query.limit ?? DEFAULT_READINGS_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new HengError(
      'invalid_input',
      `readings limit ${JSON.stringify(query.limit)} must be a whole number from 1 to 1000`,
    );
  }
  if (query.device !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(query.device)) {
    throw new HengError(
      'invalid_input',
      `device ${JSON.stringify(query.device)} must be letters, digits, _ . - (1 to 64)`,
    );
  }
  return { ...query, limit };
}

/**
 * Reads the newest batches of the newest segments until every device seen (or the one asked for)
 * has `limit` readings, or `MAX_SCANNED_BATCHES` were read.
 *
 * @example
 * const { devices } = await latestStoredReadings(edge.segments, { device: 'pump-01', limit: 5 });
 */
export async function latestStoredReadings(
  source: StoredReadingsSource,
  query: StoredReadingsQuery = {},
): Promise<StoredReadings> {
  const { device, limit } = checkReadingsQuery(query);
  const devices: Record<string, BatchReading[]> = {};
  const full = () =>
    device !== undefined
      ? (devices[device]?.length ?? 0) >= limit
      : Object.keys(devices).length > 0 &&
        Object.values(devices).every((readings) => readings.length >= limit);
  let scanned = 0;
  const segments = (await source.names()).reverse();
  for (const name of segments) {
    const db = await source.segment(name);
    let startkey = 'tb/\ufff0';
    let skip = 0;
    for (;;) {
      const page = await db.allDocs<TelemetryBatch>({
        startkey,
        endkey: 'tb/',
        descending: true,
        include_docs: true,
        limit: PAGE,
        skip,
      });
      for (const row of page.rows) {
        scanned++;
        const batch = row.doc;
        if (!batch || (device !== undefined && batch.device !== device)) continue;
        const taken = devices[batch.device] ?? [];
        devices[batch.device] = taken;
        // A batch holds readings in the order taken: newest is last.
        for (let i = batch.readings.length - 1; i >= 0 && taken.length < limit; i--) {
          taken.push(batch.readings[i]!);
        }
      }
      if (full() || scanned >= MAX_SCANNED_BATCHES) return { devices, scannedBatches: scanned };
      const last = page.rows.at(-1);
      if (page.rows.length < PAGE || !last) break;
      startkey = last.id;
      skip = 1;
    }
  }
  return { devices, scannedBatches: scanned };
}
