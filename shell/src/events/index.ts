/** @module The events list. */
export { EventsView } from './events-view.ts';
export { levelCell } from './level-cell.ts';
