import { describe, expect, test } from 'vitest';
import { ManualClock } from './index.ts';

describe('ManualClock', () => {
  test('runs due timers in time order and waits for their work', async () => {
    const clock = new ManualClock(1000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(async () => {
      await Promise.resolve();
      seen.push(`a@${clock.now()}`);
    }, 100);
    clock.setTimeout(() => seen.push('late'), 1000);
    await clock.advance(500);
    expect(seen).toEqual(['a@1100', 'b@1200']);
    expect(clock.now()).toBe(1500);
    expect(clock.pending).toBe(1);
  });

  test('runs timers set by timers when they fall due within the same advance', async () => {
    const clock = new ManualClock(0);
    let ticks = 0;
    const tick = () => {
      ticks++;
      clock.setTimeout(tick, 60);
    };
    clock.setTimeout(tick, 60);
    await clock.advance(180);
    expect(ticks).toBe(3);
  });

  test('does not run a cleared timer', async () => {
    const clock = new ManualClock(0);
    let ran = false;
    const handle = clock.setTimeout(() => {
      ran = true;
    }, 10);
    clock.clearTimeout(handle);
    await clock.advance(100);
    expect(ran).toBe(false);
  });
});
