/**
 * @module The shape of an event on the bus, declared locally until the types generated from
 * `@heng/schemas` land.
 */

/** Every point and dataset carries a data class; a role sees a class only with clearance. */
export type DataClass = 'public' | 'internal' | 'restricted' | 'secret';

/** Graded response: how urgent an event is. */
export type EventLevel = 'info' | 'notice' | 'warning' | 'critical';

/** One event: something happened on `topic`, said by `source` (a plugin id, `edge`, `hub`...). */
export interface HengEvent {
  id: string;
  topic: string;
  source: string;
  /** ISO 8601. */
  ts: string;
  level?: EventLevel;
  title?: string;
  /** Plain JSON. */
  payload: unknown;
  dataClass: DataClass;
}

/** Something that can be stopped; disposing twice is harmless. */
export interface Subscription {
  readonly pattern: string | readonly string[];
  dispose(): void;
  [Symbol.dispose](): void;
}

/** Receives one event; a rejected promise counts as a failed delivery. */
export type EventHandler = (event: Readonly<HengEvent>) => void | Promise<void>;
