/** @module Types of the event bus; the event itself is the `event` schema's. */

import type { HengEvent } from '@heng/schemas';

export type { DataClass, HengEvent } from '@heng/schemas';

/** Graded response (分级响应): 1 is the most severe, as levels I to IV of the emergency plan. */
export type EventLevel = NonNullable<HengEvent['level']>;

/** Something that can be stopped; disposing twice is harmless. */
export interface Subscription {
  readonly pattern: string | readonly string[];
  dispose(): void;
  [Symbol.dispose](): void;
}

/** Receives one event; a rejected promise counts as a failed delivery. */
export type EventHandler = (event: Readonly<HengEvent>) => void | Promise<void>;
