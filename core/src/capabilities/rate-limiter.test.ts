import { describe, expect, test } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

const manualClock = (start = 1_000) => {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
};

describe('RateLimiter', () => {
  test('allows a burst of count, then refuses', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ count: 3, perSeconds: 60, clock });
    expect([1, 2, 3, 4].map(() => limiter.tryTake())).toEqual([true, true, true, false]);
  });

  test('refills continuously from the clock, never above count', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ count: 2, perSeconds: 10, clock });
    limiter.tryTake();
    limiter.tryTake();
    clock.advance(4_999);
    expect(limiter.tryTake()).toBe(false);
    clock.advance(1);
    expect(limiter.tryTake()).toBe(true);
    clock.advance(3_600_000);
    expect(limiter.available()).toBe(2);
  });

  test('a clock stepping backwards neither refills nor drains', () => {
    const clock = manualClock(10_000);
    const limiter = new RateLimiter({ count: 1, perSeconds: 1, clock });
    limiter.tryTake();
    clock.set(0);
    expect(limiter.tryTake()).toBe(false);
    clock.advance(1_000);
    expect(limiter.tryTake()).toBe(true);
  });

  test('takes nothing when asked for more than is there', () => {
    const limiter = new RateLimiter({ count: 2, perSeconds: 1, clock: manualClock() });
    expect(limiter.tryTake(3)).toBe(false);
    expect(limiter.available()).toBe(2);
  });

  test('refuses nonsensical settings', () => {
    const clock = manualClock();
    expect(() => new RateLimiter({ count: -1, perSeconds: 1, clock })).toThrow(RangeError);
    expect(() => new RateLimiter({ count: 1, perSeconds: 0, clock })).toThrow(RangeError);
    expect(() => new RateLimiter({ count: Number.NaN, perSeconds: 1, clock })).toThrow(RangeError);
  });
});
