/**
 * @module The shape of an event on the bus, declared locally until the types generated from
 * `@heng/schemas` land.
 */

/** Every point and dataset carries a data class; a role sees a class only with clearance. */
export type DataClass = 'public' | 'internal' | 'restricted' | 'secret';

/** Graded response (分级响应): 1 is the most severe, as levels I to IV of the emergency plan. */
export type EventLevel = 1 | 2 | 3 | 4;

/** One event: something happened on `topic`, raised by `source` (`plugin:<id>`, `edge:<site>`, `core`). */
export interface HengEvent {
  id: string;
  topic: string;
  source: string;
  /** ISO 8601. */
  ts: string;
  site?: string;
  level?: EventLevel;
  title?: string;
  /** A plain JSON object, as the topic's publisher defines it. */
  payload: Record<string, unknown>;
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
