/**
 * @module Each site's crash report at the hub: every failing report an edge made of a plugin
 * (`plugin-status` says only the latest, and a rollback replaces it) and what the hub did about
 * it, kept in `heng-hub` as `crash/<site>/<pluginId>`.
 */
import type { AutoRollbackOutcome, PluginStatusDoc } from '../catalog/index.ts';
import { type Couch, couchStatus, HUB_DB, storeError } from '../couch/index.ts';

/** How many failures and rollbacks a report keeps per plugin (the oldest go first). */
export const CRASH_HISTORY = 20;

/** One failing report of the edge, as the hub saw it. */
export interface CrashEntry {
  version?: string;
  digest?: string;
  state: string;
  faults?: number;
  lastError?: unknown;
  /** The edge's `updatedAt` (its clock). */
  reportedAt?: string;
  /** When the hub saw it. */
  seenAt: string;
  /** What the hub did: rolled back, or why not. */
  autoRollback: { rolledBack: boolean; reason: string; to?: string };
}

/** `crash/<site>/<pluginId>` in `heng-hub`. */
export interface CrashReportDoc {
  _id?: string;
  _rev?: string;
  type: 'crash-report';
  site: string;
  plugin: string;
  /** Newest last. */
  crashes: CrashEntry[];
  updatedAt: string;
}

export const crashReportId = (site: string, plugin: string): string => `crash/${site}/${plugin}`;

/** States in which an edge reports a plugin as crashing. */
export const CRASH_STATES: ReadonlySet<string> = new Set(['quarantined', 'failed']);

const sameReport = (a: CrashEntry, b: CrashEntry) =>
  a.digest === b.digest &&
  a.state === b.state &&
  a.faults === b.faults &&
  a.reportedAt === b.reportedAt;

/**
 * Adds a failing report (and the hub's answer to it) to the site's crash report; a report
 * already there (the feed replaying a page) is not added twice.
 */
export async function recordCrash(
  couch: Couch,
  site: string,
  status: PluginStatusDoc,
  outcome: AutoRollbackOutcome,
  seenAt: string,
): Promise<void> {
  const entry: CrashEntry = {
    ...(status.plugin.version !== undefined ? { version: status.plugin.version } : {}),
    ...(status.plugin.digest !== undefined ? { digest: status.plugin.digest } : {}),
    state: status.state,
    ...(status.faults !== undefined ? { faults: status.faults } : {}),
    ...(status.lastError !== undefined ? { lastError: status.lastError } : {}),
    ...(status.updatedAt !== undefined ? { reportedAt: status.updatedAt } : {}),
    seenAt,
    autoRollback: {
      rolledBack: outcome.rolledBack,
      reason: outcome.reason,
      ...(outcome.rolledBack && outcome.install ? { to: outcome.install.plugin.version } : {}),
    },
  };
  const db = couch.db<CrashReportDoc>(HUB_DB);
  const id = crashReportId(site, status.plugin.id);
  // The watcher is the only writer, so one retry covers a conflict with a replayed page.
  for (let attempt = 0; ; attempt++) {
    let doc: CrashReportDoc;
    try {
      doc = await db.get(id);
    } catch (err) {
      if (couchStatus(err) !== 404) throw storeError(err, `read the crash report ${id}`);
      doc = {
        type: 'crash-report',
        site,
        plugin: status.plugin.id,
        crashes: [],
        updatedAt: seenAt,
      };
    }
    if (doc.crashes.some((c) => sameReport(c, entry))) return;
    doc.crashes = [...doc.crashes, entry].slice(-CRASH_HISTORY);
    doc.updatedAt = seenAt;
    try {
      await db.insert(doc, id);
      return;
    } catch (err) {
      if (couchStatus(err) !== 409 || attempt > 0)
        throw storeError(err, `write the crash report ${id}`);
    }
  }
}

/** Every crash report of a site, by plugin id. */
export async function listCrashReports(couch: Couch, site: string): Promise<CrashReportDoc[]> {
  const prefix = `crash/${site}/`;
  try {
    const rows = await couch
      .db<CrashReportDoc>(HUB_DB)
      .list({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    return rows.rows.flatMap((r) => (r.doc?.type === 'crash-report' ? [r.doc] : []));
  } catch (err) {
    throw storeError(err, `list the crash reports of ${site}`);
  }
}
