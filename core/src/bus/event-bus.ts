/**
 * @module The in-process event bus: MQTT-style subscriptions, asynchronous in-order delivery per
 * subscriber, and one failing subscriber never disturbs the others.
 */
import { HengError, ValidationError } from '@heng/schemas';
import { compilePatterns, type TopicMatcher, topicProblem } from '../capabilities/pattern.ts';
import type { EventHandler, HengEvent, Subscription } from './types.ts';

/** Where failed deliveries are reported. */
export type DeliveryErrorHook = (
  error: unknown,
  context: { event: Readonly<HengEvent>; pattern: string | readonly string[] },
) => void;

export interface EventBusOptions {
  /** Called when a handler throws or rejects, or a subscriber's queue overflows. */
  onError?: DeliveryErrorHook;
  /** Events a subscriber may have waiting; beyond it new events are dropped and reported. */
  maxQueue?: number;
}

class Subscriber implements Subscription {
  readonly pattern: string | readonly string[];
  readonly matches: TopicMatcher;
  readonly queue: Readonly<HengEvent>[] = [];
  running = false;
  disposed = false;
  readonly #handler: EventHandler;
  readonly #remove: (s: Subscriber) => void;

  constructor(
    pattern: string | readonly string[],
    handler: EventHandler,
    remove: (s: Subscriber) => void,
  ) {
    this.pattern = typeof pattern === 'string' ? pattern : Object.freeze([...pattern]);
    this.matches = compilePatterns(typeof pattern === 'string' ? [pattern] : pattern);
    this.#handler = handler;
    this.#remove = remove;
  }

  async deliver(event: Readonly<HengEvent>): Promise<void> {
    await this.#handler(event);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.length = 0;
    this.#remove(this);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Publishes events to subscribers whose pattern matches the topic. Delivery is queued and runs
 * after the publisher's call returns, so a plugin publishing to a topic it subscribes to is
 * never re-entered; each subscriber gets events one at a time, in publish order.
 * @example
 * const bus = new EventBus({ onError: (err) => log.warn(err) });
 * using sub = bus.subscribe('site-1/alarms/#', (e) => console.log(e.title));
 * bus.publish(event);
 * await bus.idle();
 */
export class EventBus {
  readonly #subscribers = new Set<Subscriber>();
  readonly #onError: DeliveryErrorHook;
  readonly #maxQueue: number;
  #busy = 0;
  #waiters: Array<() => void> = [];
  #disposed = false;

  constructor(options: EventBusOptions = {}) {
    this.#onError = options.onError ?? (() => {});
    this.#maxQueue = options.maxQueue ?? 10_000;
  }

  /** Queues `event` for every matching subscriber. The event is copied and frozen first. */
  publish(event: HengEvent): void {
    if (this.#disposed) {
      throw new HengError(
        'plugin_unavailable',
        `event bus is disposed; cannot publish on '${event?.topic}'`,
      );
    }
    const problem = topicProblem(event?.topic);
    if (problem) {
      throw new ValidationError(`event topic '${String(event?.topic)}'`, [
        { path: '/topic', message: problem },
      ]);
    }
    let frozen: Readonly<HengEvent>;
    try {
      frozen = deepFreeze(structuredClone(event));
    } catch (err) {
      throw new ValidationError(`event on '${event.topic}'`, [
        { path: '/payload', message: `must be plain data (${(err as Error).message})` },
      ]);
    }
    for (const subscriber of this.#subscribers) {
      if (subscriber.matches(frozen.topic)) this.#enqueue(subscriber, frozen);
    }
  }

  /**
   * Calls `handler` for every event whose topic matches `pattern` (or any of several patterns;
   * an event matching two of them is delivered once).
   */
  subscribe(pattern: string | readonly string[], handler: EventHandler): Subscription {
    if (this.#disposed)
      throw new HengError(
        'plugin_unavailable',
        `event bus is disposed; cannot subscribe to '${String(pattern)}'`,
      );
    const subscriber = new Subscriber(pattern, handler, (s) => this.#subscribers.delete(s));
    this.#subscribers.add(subscriber);
    return subscriber;
  }

  /** Resolves once every queued event has been handled (including events those handlers published). */
  idle(): Promise<void> {
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Same as `idle()`: for tests that await delivery instead of sleeping. */
  flush(): Promise<void> {
    return this.idle();
  }

  /** Drops every subscription and queued event; `idle()` waiters are released. */
  dispose(): void {
    this.#disposed = true;
    for (const subscriber of [...this.#subscribers]) subscriber.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #enqueue(subscriber: Subscriber, event: Readonly<HengEvent>): void {
    if (subscriber.queue.length >= this.#maxQueue) {
      const overflow = new HengError(
        'rate_limited',
        `subscriber to '${String(subscriber.pattern)}' has ${this.#maxQueue} events waiting; dropped event ${event.id} on '${event.topic}'`,
      );
      this.#report(overflow, event, subscriber);
      return;
    }
    subscriber.queue.push(event);
    if (subscriber.running) return;
    subscriber.running = true;
    this.#busy++;
    queueMicrotask(() => void this.#drain(subscriber));
  }

  async #drain(subscriber: Subscriber): Promise<void> {
    try {
      for (let event = subscriber.queue.shift(); event; event = subscriber.queue.shift()) {
        if (subscriber.disposed) break;
        try {
          await subscriber.deliver(event);
        } catch (err) {
          this.#report(err, event, subscriber);
        }
      }
    } finally {
      subscriber.running = false;
      this.#busy--;
      if (this.#busy === 0) {
        const waiters = this.#waiters;
        this.#waiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  #report(error: unknown, event: Readonly<HengEvent>, subscriber: Subscriber): void {
    try {
      this.#onError(error, { event, pattern: subscriber.pattern });
    } catch {
      // A broken error hook must not stop delivery to anyone.
    }
  }
}
