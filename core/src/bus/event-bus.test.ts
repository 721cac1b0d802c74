import { HengError } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { EventBus } from './event-bus.ts';
import type { HengEvent } from './types.ts';

let n = 0;
const event = (topic: string, payload: Record<string, unknown> = {}): HengEvent => ({
  id: `e${++n}`,
  topic,
  source: 'core',
  ts: '2026-03-01T08:30:00Z',
  payload,
  dataClass: 'internal',
});

describe('EventBus', () => {
  test('delivers to subscribers whose pattern matches, and only to them', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe('lighting/#', (e) => void seen.push(`all:${e.topic}`));
    bus.subscribe('lighting/+/failed', (e) => void seen.push(`failed:${e.topic}`));
    bus.subscribe('incident/#', (e) => void seen.push(`incident:${e.topic}`));
    bus.publish(event('lighting/lamp/failed'));
    bus.publish(event('lighting/cabinet/opened'));
    await bus.idle();
    expect(seen.sort()).toEqual([
      'all:lighting/cabinet/opened',
      'all:lighting/lamp/failed',
      'failed:lighting/lamp/failed',
    ]);
  });

  test('never delivers inside the publisher’s call', async () => {
    const bus = new EventBus();
    const order: string[] = [];
    bus.subscribe('a', () => void order.push('delivered'));
    bus.publish(event('a'));
    order.push('publish returned');
    await bus.idle();
    expect(order).toEqual(['publish returned', 'delivered']);
  });

  test('a handler publishing to its own topic is not re-entered', async () => {
    const bus = new EventBus();
    let depth = 0;
    let maxDepth = 0;
    let count = 0;
    bus.subscribe('loop', () => {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      if (++count < 5) bus.publish(event('loop'));
      depth--;
    });
    bus.publish(event('loop'));
    await bus.idle();
    expect(count).toBe(5);
    expect(maxDepth).toBe(1);
  });

  test('delivers to each subscriber in publish order, one event at a time', async () => {
    const bus = new EventBus();
    const seen: number[] = [];
    let running = 0;
    let overlap = false;
    bus.subscribe('t', async (e) => {
      overlap ||= running > 0;
      running++;
      await Promise.resolve();
      await Promise.resolve();
      seen.push(e.payload['i'] as number);
      running--;
    });
    for (let i = 0; i < 20; i++) bus.publish(event('t', { i }));
    await bus.idle();
    expect(seen).toEqual([...Array(20).keys()]);
    expect(overlap).toBe(false);
  });

  test('one failing handler does not affect the others, and is reported', async () => {
    const errors: Array<{ message: string; pattern: unknown; topic: string }> = [];
    const bus = new EventBus({
      onError: (err, { event: e, pattern }) =>
        void errors.push({ message: (err as Error).message, pattern, topic: e.topic }),
    });
    const seen: string[] = [];
    bus.subscribe('t', () => {
      throw new Error('sync boom');
    });
    bus.subscribe('t', async () => {
      throw new Error('async boom');
    });
    bus.subscribe('t', (e) => void seen.push(e.id));
    bus.publish(event('t'));
    bus.publish(event('t'));
    await bus.idle();
    expect(seen).toHaveLength(2);
    expect(errors.map((e) => e.message).sort()).toEqual([
      'async boom',
      'async boom',
      'sync boom',
      'sync boom',
    ]);
    expect(errors[0]).toMatchObject({ pattern: 't', topic: 't' });
  });

  test('a throwing onError hook stops nothing', async () => {
    const bus = new EventBus({
      onError: () => {
        throw new Error('hook broken');
      },
    });
    const seen: string[] = [];
    bus.subscribe('t', () => {
      throw new Error('x');
    });
    bus.subscribe('t', (e) => void seen.push(e.id));
    bus.publish(event('t'));
    await bus.idle();
    expect(seen).toHaveLength(1);
  });

  test('stops delivering once a subscription is disposed, including queued events', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const sub = bus.subscribe('t', (e) => void seen.push(e.id));
    const first = event('t');
    bus.publish(first);
    bus.publish(event('t'));
    sub.dispose();
    sub.dispose();
    await bus.idle();
    expect(seen).toEqual([]);
  });

  test('delivers a frozen copy, so one subscriber cannot change what another sees', async () => {
    const bus = new EventBus();
    const original = event('t', { n: 1 });
    const seen: unknown[] = [];
    bus.subscribe('t', (e) => {
      expect(() => {
        (e.payload as Record<string, unknown>)['n'] = 2;
      }).toThrow();
    });
    bus.subscribe('t', (e) => void seen.push(e.payload));
    bus.publish(original);
    original.payload['n'] = 3;
    await bus.idle();
    expect(seen).toEqual([{ n: 1 }]);
  });

  test('delivers an event matching several patterns of one subscription once', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe(['a/#', 'a/+'], (e) => void seen.push(e.id));
    bus.publish(event('a/b'));
    await bus.idle();
    expect(seen).toHaveLength(1);
  });

  test('refuses wildcard or malformed topics and payloads that are not plain data', () => {
    const bus = new EventBus();
    for (const topic of ['a/+', 'a/#', '', 'a//b'])
      expect(() => bus.publish(event(topic))).toThrow(HengError);
    expect(() => bus.publish(event('a', { f: () => 1 }))).toThrow(HengError);
  });

  test('drops and reports events beyond a subscriber’s queue limit', async () => {
    const errors: unknown[] = [];
    const bus = new EventBus({ maxQueue: 2, onError: (err) => void errors.push(err) });
    const seen: string[] = [];
    bus.subscribe('t', (e) => void seen.push(e.id));
    for (let i = 0; i < 4; i++) bus.publish(event('t'));
    await bus.idle();
    expect(seen).toHaveLength(2);
    expect(errors).toHaveLength(2);
    expect((errors[0] as HengError).code).toBe('rate_limited');
  });

  test('idle resolves at once when nothing is queued, and after dispose', async () => {
    const bus = new EventBus();
    await bus.idle();
    bus.subscribe('t', () => {});
    bus.publish(event('t'));
    bus.dispose();
    await bus.flush();
    expect(() => bus.publish(event('t'))).toThrow(HengError);
  });
});
