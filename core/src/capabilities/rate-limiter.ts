/**
 * @module A token bucket that refills from an injected clock: no timers, so nothing to dispose
 * and tests control time exactly.
 */
import type { Clock } from './types.ts';

export interface RateLimiterOptions {
  /** Tokens the bucket holds when full (the burst). */
  count: number;
  /** Seconds in which an empty bucket refills completely. */
  perSeconds: number;
  clock: Clock;
}

/**
 * Allows at most `count` takes per `perSeconds`, smoothed: tokens return continuously.
 * @example
 * const limiter = new RateLimiter({ count: 10, perSeconds: 60, clock: systemClock });
 * if (!limiter.tryTake()) throw new RateLimitedError('...');
 */
export class RateLimiter {
  readonly count: number;
  readonly perSeconds: number;
  readonly #clock: Clock;
  readonly #perMs: number;
  #tokens: number;
  #last: number;

  constructor(options: RateLimiterOptions) {
    const { count, perSeconds, clock } = options;
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError(`RateLimiter: count must be a finite number >= 0, got ${count}`);
    }
    if (!Number.isFinite(perSeconds) || perSeconds <= 0) {
      throw new RangeError(
        `RateLimiter: perSeconds must be a finite number > 0, got ${perSeconds}`,
      );
    }
    this.count = count;
    this.perSeconds = perSeconds;
    this.#clock = clock;
    this.#perMs = count / (perSeconds * 1000);
    this.#tokens = count;
    this.#last = clock.now();
  }

  /** Tokens available now (fractional while refilling). */
  available(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Takes `n` tokens if they are all there; otherwise takes none and returns false. */
  tryTake(n = 1): boolean {
    this.#refill();
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }

  #refill(): void {
    const now = this.#clock.now();
    // A clock that steps backwards (NTP) must not drain or overfill the bucket.
    const elapsed = Math.max(0, now - this.#last);
    this.#last = now;
    this.#tokens = Math.min(this.count, this.#tokens + elapsed * this.#perMs);
  }
}
