/**
 * @module A bounded number of password checks at once, shared fairly between accounts: a free
 * slot goes to the waiting key (the account signed in to) with the fewest checks running, the
 * longest waiting first among equals, so a flood on one account waits behind itself, not in
 * front of everyone else; past a bound of waiting checks a new one is refused at once.
 */
import { ThrottledError } from './throttled-error.ts';

export interface FairGateOptions {
  /** Checks running at once (scrypt runs on libuv's thread pool, 4 threads by default). */
  concurrency: number;
  /** Checks waiting for one key; past it, refused. */
  maxWaitingPerKey: number;
  /** Checks waiting in all. */
  maxWaiting: number;
}

/**
 * @example
 * const gate = new FairGate({ concurrency: 4, maxWaitingPerKey: 16, maxWaiting: 256 });
 * const ok = await gate.run(userId, () => verifyPassword(password, hash));
 */
export class FairGate {
  readonly #o: FairGateOptions;
  #running = 0;
  #waiting = 0;
  /** Waiting checks by key, keys in the order they began to wait. */
  readonly #queues = new Map<string, Array<() => void>>();
  /** Checks running by key. */
  readonly #active = new Map<string, number>();
  /** When each key with checks running or waiting was last let in (a counter). */
  readonly #served = new Map<string, number>();
  #turn = 0;

  constructor(options: FairGateOptions) {
    this.#o = options;
  }

  /** Checks running now and waiting, for tests and health. */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting };
  }

  /** Runs `work` when a slot is free and it is `key`'s turn; refuses when too many wait. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.#enter(key);
    try {
      return await work();
    } finally {
      this.#running--;
      const left = (this.#active.get(key) ?? 1) - 1;
      if (left > 0) this.#active.set(key, left);
      else {
        this.#active.delete(key);
        if (!this.#queues.has(key)) this.#served.delete(key);
      }
      this.#next();
    }
  }

  #enter(key: string): Promise<void> {
    if (this.#running < this.#o.concurrency && this.#waiting === 0) {
      this.#start(key);
      return Promise.resolve();
    }
    const queue = this.#queues.get(key) ?? [];
    if (queue.length >= this.#o.maxWaitingPerKey || this.#waiting >= this.#o.maxWaiting)
      return Promise.reject(
        new ThrottledError('too many sign-ins are being checked at once: try again shortly', 1000),
      );
    return new Promise((resolve) => {
      if (queue.length === 0) this.#queues.set(key, queue);
      queue.push(resolve);
      this.#waiting++;
    });
  }

  #start(key: string): void {
    this.#running++;
    this.#active.set(key, (this.#active.get(key) ?? 0) + 1);
    this.#served.set(key, this.#turn++);
  }

  /**
   * Gives each free slot to the waiting key with the fewest checks running, and among those the
   * one let in longest ago (never, for a key that only waited).
   */
  #next(): void {
    while (this.#running < this.#o.concurrency && this.#queues.size > 0) {
      let key = '';
      let best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      for (const waiting of this.#queues.keys()) {
        const rank: [number, number] = [
          this.#active.get(waiting) ?? 0,
          this.#served.get(waiting) ?? -1,
        ];
        if (rank[0] < best[0] || (rank[0] === best[0] && rank[1] < best[1]))
          [key, best] = [waiting, rank];
      }
      const queue = this.#queues.get(key) as Array<() => void>;
      const resolve = queue.shift() as () => void;
      if (queue.length === 0) this.#queues.delete(key);
      this.#waiting--;
      this.#start(key);
      resolve();
    }
  }
}
