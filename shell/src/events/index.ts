/** @module The events list. */
export { EventsView } from './events-view.ts';
