/** @module Live updates from the hub over server-sent events. */
export {
  type EventSourceFactory,
  type LiveApp,
  LiveFeed,
  type LiveMessages,
  type LiveSite,
  type LiveState,
} from './live-feed.ts';
