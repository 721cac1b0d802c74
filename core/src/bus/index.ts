/** @module The event bus: MQTT-style topics, asynchronous delivery, isolated subscribers. */

// Where an event is kept as a document: the site-database contract's, for edges and the hub.
export { eventDocId } from '@heng/schemas';
export { type DeliveryErrorHook, EventBus, type EventBusOptions } from './event-bus.ts';
export type { DataClass, EventHandler, EventLevel, HengEvent, Subscription } from './types.ts';
