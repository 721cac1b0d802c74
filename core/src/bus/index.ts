/** @module The event bus: MQTT-style topics, asynchronous delivery, isolated subscribers. */
export { type DeliveryErrorHook, EventBus, type EventBusOptions } from './event-bus.ts';
export { eventDocId } from './event-doc-id.ts';
export type { DataClass, EventHandler, EventLevel, HengEvent, Subscription } from './types.ts';
