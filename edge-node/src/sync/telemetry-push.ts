/**
 * @module Pushes every telemetry day segment to the site's telemetry database at the hub: the
 * recent ones (today and yesterday, where late flushes may still land) continuously, older ones
 * not yet at the hub once, to catch up. Segments that appear later are found by `refresh()`; a
 * stopping edge turns every push into a last one-shot push with `finish()`.
 */
import { type SegmentedTelemetry, segmentOf } from '../store/index.ts';
import { isPushed, markPushed } from './pushed-mark.ts';
import { replicate } from './replicate.ts';
import { TrackedReplication } from './tracked-replication.ts';

const DAY_MS = 86_400_000;

/** Batches per request of a telemetry push (the catch-up bench uses the same). */
export const TELEMETRY_PUSH_BATCH = 500;

export interface TelemetryPushOptions {
  telemetry: SegmentedTelemetry;
  remote: PouchDB.Database;
  backOff: (previous: number) => number;
  now: () => number;
  onUpdate: (replication: TrackedReplication) => void;
}

interface Push {
  replication: TrackedReplication;
  live: boolean;
}

export class TelemetryPush {
  readonly #options: TelemetryPushOptions;
  readonly #pushes = new Map<string, Push>();
  /** Mark writes per segment, one after another so they never conflict. */
  readonly #marks = new Map<string, Promise<void>>();
  #refreshing: Promise<void> = Promise.resolve();
  #closed = false;
  /** Set by `finish()`: no continuous push starts again, every new push is a last one-shot. */
  #finishing = false;
  /** The last one-shot pushes `finish()` started (they leave `#pushes` once they stop). */
  readonly #finals: TrackedReplication[] = [];

  constructor(options: TelemetryPushOptions) {
    this.#options = options;
  }

  /** The replications running now. */
  get replications(): TrackedReplication[] {
    return [...this.#pushes.values()].map((push) => push.replication);
  }

  /**
   * Looks at the segments on disk: starts what is not pushed yet, and turns the continuous push
   * of a segment that is no longer recent into a last one-shot push.
   */
  refresh(): Promise<void> {
    this.#refreshing = this.#refreshing.then(() => this.#refreshOnce());
    return this.#refreshing;
  }

  /**
   * For the retention of segments: true only when the hub has every document of the segment and
   * no replication is reading it any more.
   */
  async isReplicated(name: string, db: PouchDB.Database): Promise<boolean> {
    if (this.#pushes.has(name)) return false;
    await this.#marks.get(name);
    return isPushed(db);
  }

  /** Waits until every one-shot (catch-up) push started so far has finished, and its mark is kept. */
  async caughtUp(): Promise<void> {
    await this.#refreshing;
    const oneShots = [...this.#pushes.values()].filter((push) => !push.live);
    await Promise.all(oneShots.map((push) => push.replication.stopped));
    await Promise.all(this.#marks.values());
  }

  /**
   * For an edge that stops: one last look at the segments on disk (the final flush may have made
   * a new one), each continuous push cancelled and replaced by a one-shot push without retries, so
   * that an unreachable hub fails it at once instead of holding the edge up. Segments the hub
   * already has whole are not pushed again. Returns every one-shot push running now (catch-up
   * pushes included), for the caller to wait for within its own bound.
   */
  async finish(): Promise<TrackedReplication[]> {
    this.#finishing = true;
    const catchingUp = [...this.#pushes.values()].filter((push) => !push.live);
    await this.refresh();
    return [...catchingUp.map((push) => push.replication), ...this.#finals];
  }

  async #refreshOnce(): Promise<void> {
    if (this.#closed) return;
    const { now, telemetry } = this.#options;
    const recent = segmentOf(now() - DAY_MS);
    for (const name of await telemetry.names()) {
      if (this.#closed) return;
      const live = !this.#finishing && name >= recent;
      const running = this.#pushes.get(name);
      if (running?.live && !live) {
        await running.replication.cancel();
        this.#pushes.delete(name);
      } else if (running) continue;
      const db = await telemetry.segment(name);
      await this.#marks.get(name);
      if (!live && (await isPushed(db))) continue;
      this.#start(name, db, live);
    }
  }

  #start(name: string, db: PouchDB.Database, live: boolean): void {
    const { remote, backOff, now, onUpdate } = this.#options;
    const replication = new TrackedReplication({
      name: `${name} push`,
      direction: 'push',
      local: db,
      replication: replicate('push', db, remote, {
        live,
        // A last push of a stopping edge tries once: it must not wait out a backoff.
        retry: !this.#finishing,
        back_off_function: backOff,
        batch_size: TELEMETRY_PUSH_BATCH,
      }),
      now,
      onUpdate,
      onWritten: (seq) => {
        if (typeof seq !== 'number') return;
        const previous = this.#marks.get(name) ?? Promise.resolve();
        this.#marks.set(
          name,
          previous.then(() => markPushed(db, seq)).catch(() => {}),
        );
      },
    });
    const push = { replication, live };
    this.#pushes.set(name, push);
    if (this.#finishing) this.#finals.push(replication);
    void replication.stopped.then(() => {
      if (this.#pushes.get(name) === push && !live) this.#pushes.delete(name);
    });
  }

  /** Stops every push and waits for the marks being written. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#refreshing;
    await Promise.all(this.replications.map((replication) => replication.cancel()));
    this.#pushes.clear();
    await Promise.all(this.#marks.values());
  }
}
