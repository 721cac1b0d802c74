/**
 * @module The live `app` message: one plugin at one place (a site or the hub), built from its
 * `app-install/<id>` and `plugin-status/<id>` documents exactly as `GET
 * /api/sites/:site/apps/:plugin` shows them, so the shell handles both alike.
 */

import { siteDocRange } from '@heng/schemas';
import {
  type AppInstallDoc,
  installDocId,
  type PluginStatusDoc,
  pluginStatusDocId,
  type SiteApp,
  shownInstall,
  shownStatus,
} from '../catalog/index.ts';
import type { Couch } from '../couch/index.ts';
import { controlDbOf } from '../couch/index.ts';

/**
 * The body of an `app` message: the REST route's `{ install, status }` with the place and the
 * plugin id. `install` is null only when the install record was deleted outright (the lifecycle
 * never does: uninstalling keeps the record with state `uninstalled`).
 */
export interface LiveApp {
  site: string;
  plugin: string;
  install: SiteApp['install'] | null;
  status: SiteApp['status'];
}

const PREFIXES = [siteDocRange('install').startkey, siteDocRange('plugin-status').startkey];

/** The plugin a control document is about, when it is an install record or a status report. */
export function appPluginOf(docId: string): string | undefined {
  for (const prefix of PREFIXES) if (docId.startsWith(prefix)) return docId.slice(prefix.length);
  return undefined;
}

interface AllDocsRow<T> {
  doc?: (T & { _id?: string; _rev?: string }) | null;
}

/**
 * Reads both documents of `plugin` at `site` now (one `_all_docs` request) and merges them as
 * the REST route does: the status is `current` when it reports the digest the install wants.
 */
export async function readLiveApp(couch: Couch, site: string, plugin: string): Promise<LiveApp> {
  const reply = (await couch
    .db(controlDbOf(site))
    .fetch({ keys: [installDocId(plugin), pluginStatusDocId(plugin)] })) as unknown as {
    rows: [AllDocsRow<AppInstallDoc>, AllDocsRow<PluginStatusDoc>];
  };
  const [installRow, statusRow] = reply.rows;
  const install = installRow?.doc ? shownInstall(installRow.doc) : null;
  return { site, plugin, install, status: shownStatus(statusRow?.doc, install) };
}
