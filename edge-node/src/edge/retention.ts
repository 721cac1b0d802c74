/**
 * @module The telemetry retention schedule of an edge: at start and then every hour, the oldest
 * day segments go when there are too many or they take too much disk, but only those the hub
 * has whole. With a running sync, its replications say so; without a hub, the mark an earlier
 * sync left in each segment does, so an edge that never synced drops nothing: it keeps every
 * reading and says, each run, that it is over its bounds.
 */

import type { EdgeDatabase, SegmentedTelemetry } from '../store/index.ts';
import { isPushed } from '../sync/index.ts';

/** The bounds of the telemetry kept at the edge, and how often they are enforced. */
export interface RetentionSettings {
  /** Day segments to keep at most (default 90). */
  maxSegments?: number;
  /** Bytes of telemetry to keep at most (default 2 GiB). */
  maxBytes?: number;
  /** How often to enforce the bounds, ms (default one hour; 0: only at start and on `run()`). */
  everyMs?: number;
}

export interface TelemetryRetentionOptions extends RetentionSettings {
  segments: SegmentedTelemetry;
  /** The sync's answer to "does the hub have all of this segment?"; without one, its mark. */
  isReplicated?: (name: string, db: EdgeDatabase) => Promise<boolean>;
  log?: { info(message: string): void; warn(message: string): void };
}

export const DEFAULT_RETENTION = {
  maxSegments: 90,
  maxBytes: 2 * 1024 ** 3,
  everyMs: 3_600_000,
} as const;

/** What one run found: the segments dropped, and whether what is left is still over the bounds. */
export interface RetentionRun {
  dropped: string[];
  overBounds: boolean;
}

export class TelemetryRetention implements AsyncDisposable {
  readonly #options: TelemetryRetentionOptions;
  readonly #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<RetentionRun | undefined> = Promise.resolve(undefined);
  #closed = false;

  /** Starts the schedule: a first run now, then one every `everyMs`. */
  constructor(options: TelemetryRetentionOptions) {
    this.#options = options;
    const everyMs = options.everyMs ?? DEFAULT_RETENTION.everyMs;
    if (everyMs > 0) {
      this.#timer = setInterval(() => void this.run().catch(() => {}), everyMs);
      // A schedule alone does not keep the process alive.
      this.#timer.unref();
    }
    void this.run().catch(() => {});
  }

  /** Runs once now, after any run under way; undefined once disposed. */
  run(): Promise<RetentionRun | undefined> {
    this.#running = this.#running
      .catch(() => undefined)
      .then(() => (this.#closed ? undefined : this.#runOnce()));
    return this.#running;
  }

  /** Waits for the run under way, if any. */
  async idle(): Promise<void> {
    await this.#running.catch(() => undefined);
  }

  async #runOnce(): Promise<RetentionRun> {
    const { segments, log } = this.#options;
    const maxSegments = this.#options.maxSegments ?? DEFAULT_RETENTION.maxSegments;
    const maxBytes = this.#options.maxBytes ?? DEFAULT_RETENTION.maxBytes;
    const isReplicated = this.#options.isReplicated ?? ((_name, db) => isPushed(db));
    let dropped: string[];
    try {
      dropped = await segments.retain({ maxSegments, maxBytes, isReplicated });
    } catch (error) {
      log?.warn(`telemetry retention failed: ${(error as Error).message}`);
      throw error;
    }
    if (dropped.length > 0) log?.info(`telemetry retention dropped ${dropped.join(', ')}`);
    const left = await segments.names();
    let bytes = 0;
    for (const name of left) bytes += await segments.bytes(name);
    const overBounds = left.length > maxSegments || bytes > maxBytes;
    if (overBounds)
      log?.warn(
        `telemetry is over its bounds (${left.length} day segments, ${bytes} bytes; at most ${maxSegments}, ${maxBytes}) and kept: only segments the hub has whole are dropped, never the one being written (oldest kept: ${left[0]})`,
      );
    return { dropped, overBounds };
  }

  /** Stops the schedule and waits for the run under way. */
  async dispose(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.idle();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
