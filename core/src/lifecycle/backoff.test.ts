import { describe, expect, test } from 'vitest';
import { FaultHistory } from './backoff.ts';

describe('FaultHistory', () => {
  const policy = { initialDelayMs: 1000, maxDelayMs: 5000, maxFaults: 5, windowMs: 60_000 };

  test('doubles the restart delay up to the cap, then gives up at the budget', () => {
    const history = new FaultHistory(policy);
    expect([0, 1, 2, 3].map((t) => history.record(t))).toEqual([1000, 2000, 4000, 5000]);
    expect(history.record(4)).toBeUndefined();
  });

  test('forgets faults older than the window', () => {
    const history = new FaultHistory(policy);
    history.record(0);
    history.record(1);
    expect(history.record(61_000)).toBe(1000);
    expect(history.count).toBe(1);
  });
});
