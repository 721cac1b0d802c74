/** @module The hub's view: the apps that run at the hub, and the events they raised. */
export { HengHubEvents, siteOfEvent } from './hub-events.ts';
export { HengHubView, HUB_VIEW_ABILITIES } from './hub-view.ts';
