/** @module The hub's API client and its errors. */
export { ApiClient, type FetchLike, type Query, type SignedOutListener } from './client.ts';
export { ApiError, type ApiIssue, isSignedOut } from './errors.ts';
export { HUB_PLACE, isHubPlace } from './places.ts';
