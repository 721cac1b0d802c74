/**
 * @module Live updates for the shell: `GET /api/live` (server-sent events) fed by one shared
 * follower of the sites' sync state and control databases.
 */
export { type LiveApp, readLiveApp } from './app-message.ts';
export { LiveHub, type LiveHubOptions } from './live-hub.ts';
export {
  HEARTBEAT_MS,
  LIVE_OPERATIONS,
  type LiveRoutesOptions,
  liveRoutes,
  RETRY_MS,
} from './routes.ts';
export { openSse, type SseClient, type SseOptions } from './sse.ts';
