/** @module How long a replication waits before trying the hub again. */

export interface Backoff {
  /** First wait after a failure, ms (default 1 s). */
  initialMs?: number;
  /** Longest wait, ms (default 60 s): an edge back online catches up within a minute. */
  maxMs?: number;
}

/**
 * PouchDB's `back_off_function`: called with the previous wait (0 after a success), returns the
 * next one, doubling up to the cap.
 */
export function cappedBackoff({
  initialMs = 1000,
  maxMs = 60_000,
}: Backoff = {}): (previous: number) => number {
  return (previous) => (previous <= 0 ? initialMs : Math.min(previous * 2, maxMs));
}
