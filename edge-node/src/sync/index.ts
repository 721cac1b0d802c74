/** @module Replication with the hub: control both ways, telemetry pushed, events and status out. */
export { type Backoff, cappedBackoff } from './backoff.ts';
export { type EventsOutOptions, writeEventsToControl } from './events-out.ts';
export { type FinalPushReport, finalPushLine } from './final-push.ts';
export { type HubFlags, hubFromFlags, syncStatusLog } from './hub-flags.ts';
export { isPushed, markPushed } from './pushed-mark.ts';
export { openRemote, type RemoteDb, type RemoteOptions, remoteUrl } from './remote.ts';
export {
  type RunningSync,
  type SyncOptions,
  startSync,
} from './start-sync.ts';
export {
  type SiteStatusDoc,
  SiteStatusWriter,
  type SyncState,
  type SyncStatus,
  summarise,
} from './status.ts';
export { isRefusal, type LinkState, TrackedReplication } from './tracked-replication.ts';
