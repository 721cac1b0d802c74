/**
 * @module Apps at the edge: the core's app runner over the site's control database, which the
 * hub's install records, packages, trusted keys and revocations replicate into.
 */
import { type AppRecords, AppRunner, type PluginHost } from '@heng/core';
import { allWithPrefix, getIfAny, packageAttachment } from './control-reads.ts';

export interface EdgeAppsOptions {
  site: string;
  control: PouchDB.Database;
  host: PluginHost;
}

/** The control database as the runner reads it. */
export function pouchRecords(db: PouchDB.Database): AppRecords {
  return {
    get: (id) => getIfAny(db, id),
    allWithPrefix: (prefix) => allWithPrefix(db, prefix),
    attachment: (id, name) => packageAttachment(db, id, name),
    put: async (doc) => {
      await db.put(doc);
    },
    follow(onChange) {
      const feed = db.changes({ since: 0, live: true });
      feed.on('change', (change) => onChange(change.id));
      return feed;
    },
  };
}

/** The apps a site runs, from its control database. */
export class EdgeApps extends AppRunner {
  constructor(options: EdgeAppsOptions) {
    super({
      site: options.site,
      records: pouchRecords(options.control),
      host: options.host,
      onReportError: (error) => console.warn(`heng-edge: ${error.message}`),
    });
  }
}
