/**
 * @module The edge's telemetry store: readings are batched per device and written as immutable
 * `telemetry-batch` documents (one per device per flush), flushed when a batch is full or a time
 * has passed. A reading is acknowledged (its `append` settles) only once the batch holding it is
 * written, so a crash never loses an acknowledged reading.
 */
import type { BatchReading, TelemetryBatch } from '@heng/schemas';
import { HengError } from '@heng/schemas';
import type { EdgeDatabase } from './pouch.ts';
import { segmentOf } from './segments.ts';

export interface TelemetryStoreOptions {
  site: string;
  /** Opens (or returns the open) database of a segment. */
  segment(name: string): Promise<EdgeDatabase>;
  now?: () => number;
  /** Flush once this many readings wait (all devices together). */
  maxBatchReadings?: number;
  /** Flush at the latest this long after the first waiting reading. */
  flushMs?: number;
  /** Refuse new readings beyond this many waiting (the store is failing to write). */
  maxWaitingReadings?: number;
  /** Told of every reading as it is taken (before it is written), e.g. to hand it to edge plugins. */
  onAppend?: (device: string, reading: BatchReading) => void;
}

/** The most readings one batch document holds (the schema's `maxItems`). */
export const MAX_DOC_READINGS = 10_000;

/** One acknowledgement shared by every reading appended between two flushes. */
interface Ack {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newAck(): Ack {
  const ack = {} as Ack;
  ack.promise = new Promise<void>((resolve, reject) => Object.assign(ack, { resolve, reject }));
  return ack;
}

export class TelemetryStore implements AsyncDisposable {
  readonly #options: Required<Omit<TelemetryStoreOptions, 'segment' | 'onAppend'>> &
    Pick<TelemetryStoreOptions, 'segment' | 'onAppend'>;
  /** Readings not yet written, grouped by device as their batches will be. */
  #waiting = new Map<string, BatchReading[]>();
  #count = 0;
  /** The acknowledgements of the readings in #waiting, oldest first; the last one takes appends. */
  #acks: Ack[] = [];
  #open: Ack | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  /** A flush is queued behind the one being written and has not taken its readings yet. */
  #flushQueued = false;
  #sequence = 0;
  // Ids stay unique across restarts even when the clock repeats a millisecond.
  readonly #token = crypto.randomUUID().slice(0, 8);
  #closed = false;

  constructor(options: TelemetryStoreOptions) {
    this.#options = {
      now: Date.now,
      maxBatchReadings: 500,
      flushMs: 1000,
      maxWaitingReadings: 100_000,
      ...options,
    };
  }

  /** Readings waiting for their flush. */
  get waiting(): number {
    return this.#count;
  }

  /** Adds a reading; settles when it is written (the acknowledgement), rejects if it cannot be. */
  append(device: string, reading: BatchReading): Promise<void> {
    return this.appendMany(device, [reading]);
  }

  /**
   * Adds readings of one device (a whole poll, say), in order, with one acknowledgement: it
   * settles once every one of them is written, and rejects (taking none) when the store is closed
   * or they would take it past `maxWaitingReadings`. One promise for the lot, not one per reading,
   * is what keeps a 125-register poll cheap.
   *
   * @example await telemetry.appendMany('lamp-7', [{ point: 'dimming', value: 80, quality: 'good', ts }]);
   */
  appendMany(device: string, readings: readonly BatchReading[]): Promise<void> {
    if (this.#closed)
      return Promise.reject(
        new HengError(
          'plugin_unavailable',
          `telemetry store of ${this.#options.site} is closed; readings of device ${device} not taken`,
        ),
      );
    const n = readings.length;
    if (this.#count + n > this.#options.maxWaitingReadings) {
      return Promise.reject(
        new HengError(
          'rate_limited',
          `telemetry store of ${this.#options.site} holds ${this.#count} unwritten readings; refusing ${n} more of device ${device} until it can write`,
        ),
      );
    }
    // Nothing to write is written already.
    if (n === 0) return Promise.resolve();
    if (!this.#open) {
      this.#open = newAck();
      this.#acks.push(this.#open);
    }
    const { promise } = this.#open;
    const { onAppend } = this.#options;
    let list = this.#waiting.get(device);
    if (!list) {
      list = [];
      this.#waiting.set(device, list);
    }
    for (let i = 0; i < n; i++) {
      const reading = readings[i]!;
      onAppend?.(device, reading);
      list.push(reading);
    }
    this.#count += n;
    // One flush queued at a time: what arrives while it waits for the one being written joins it
    // (group commit), instead of queueing a flush per reading past the size.
    if (this.#count >= this.#options.maxBatchReadings) {
      if (!this.#flushQueued) void this.flush();
    } else this.#timer ??= setTimeout(() => void this.flush(), this.#options.flushMs);
    return promise;
  }

  /** Writes everything waiting now; settles when it is written (or has failed and will retry). */
  flush(): Promise<void> {
    this.#flushQueued = true;
    this.#flushing = this.#flushing.then(() => this.#flushOnce());
    return this.#flushing;
  }

  async #flushOnce(): Promise<void> {
    this.#flushQueued = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const taken = this.#waiting;
    const count = this.#count;
    const acks = this.#acks;
    if (count === 0) return;
    this.#waiting = new Map();
    this.#count = 0;
    this.#acks = [];
    this.#open = undefined;
    const docs = this.#batches(taken);
    try {
      const db = await this.#options.segment(segmentOf(this.#options.now()));
      const results = await db.bulkDocs(docs);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed)
        throw new HengError('internal', `telemetry batch not written: ${JSON.stringify(failed)}`);
      for (const ack of acks) ack.resolve();
    } catch (error) {
      if (this.#closed) {
        for (const ack of acks) ack.reject(error);
        return;
      }
      // Nothing is dropped: the readings wait again, ahead of newer ones, for the next flush.
      for (const [device, readings] of this.#waiting)
        taken.set(device, [...(taken.get(device) ?? []), ...readings]);
      this.#waiting = taken;
      this.#count += count;
      this.#acks = [...acks, ...this.#acks];
      this.#timer ??= setTimeout(() => void this.flush(), this.#options.flushMs);
    }
  }

  #batches(taken: Map<string, BatchReading[]>): TelemetryBatch[] {
    const stamp = this.#options.now().toString().padStart(15, '0');
    const docs: TelemetryBatch[] = [];
    for (const [device, all] of taken) {
      // A backlog (a slow disk, a failed write) can hold more than one document may.
      for (let at = 0; at < all.length; at += MAX_DOC_READINGS) {
        const readings =
          all.length <= MAX_DOC_READINGS ? all : all.slice(at, at + MAX_DOC_READINGS);
        let from = readings[0]!.ts;
        let to = from;
        for (const { ts } of readings) {
          if (ts < from) from = ts;
          if (ts > to) to = ts;
        }
        docs.push({
          _id: `tb/${stamp}/${device}/${this.#token}-${(this.#sequence++).toString(36)}`,
          type: 'telemetry-batch',
          site: this.#options.site,
          device,
          readings,
          from,
          to,
          count: readings.length,
        });
      }
    }
    return docs;
  }

  /** Writes what waits, then refuses new readings. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    clearTimeout(this.#timer);
    if (this.#count > 0) await this.flush();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
