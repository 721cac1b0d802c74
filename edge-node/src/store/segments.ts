/**
 * @module Telemetry lives in one database per UTC day ("segment"), so retention can drop a whole
 * day that has been replicated by deleting its files: disk is reclaimed at once, and no deletion
 * is ever replicated to the hub (which keeps the history).
 */

export const SEGMENT_PREFIX = 'telemetry-';

/** The segment a time falls in: `telemetry-20261128`. */
export function segmentOf(ms: number): string {
  return `${SEGMENT_PREFIX}${new Date(ms).toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** True for names this store made. */
export function isSegment(name: string): boolean {
  return /^telemetry-\d{8}$/.test(name);
}
