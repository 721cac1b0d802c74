/**
 * @module The hub following its sites: each control database's changes feed, the conflict rule
 * (the later `updatedAt`, else `ts`, else CouchDB's pick, wins; losers are kept for review), the
 * automatic rollback of crashing plugins, and the routes that show what it found.
 */
export { checkpointId, type WatchCheckpointDoc } from './checkpoint.ts';
export { type ConflictView, dismissConflict, listConflicts } from './conflict-review.ts';
export {
  type ConflictDoc,
  type ConflictResolution,
  conflictDocId,
  settleConflicts,
} from './conflicts.ts';
export {
  CRASH_HISTORY,
  type CrashEntry,
  type CrashReportDoc,
  crashReportId,
  listCrashReports,
} from './crash-report.ts';
export { type ChangeRow, ChangesFeed, type ChangesFeedOptions, type Seq } from './feed.ts';
export { WATCH_OPERATIONS, type WatchRoutesDeps, watchRoutes } from './routes.ts';
export { SiteWatcher, type SiteWatcherOptions, type WatchEvents } from './watcher.ts';
export { pickWinner, type Revision, type WinnerRule } from './winner.ts';
