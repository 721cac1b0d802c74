/**
 * @module The hub's database names in CouchDB. One place, so the gateway, the registry and the
 * tests agree on them.
 */
import { ValidationError } from '@heng/schemas';

/** The hub's registry: organisations, users, tokens, sites, trusted keys, the catalog. */
export const HUB_DB = 'heng-hub';
/** The append-only, hash-chained audit log. */
export const AUDIT_DB = 'heng-audit';
/**
 * The hub's own control database, laid out as a site's is: install records, packages, trusted
 * keys, revocations and status reports of the plugins the hub runs (`runsOn: hub`), and the
 * events raised at the hub. It never replicates anywhere.
 */
export const HUB_CONTROL_DB = 'heng-hub-control';
/** What hub plugins keep with their `storage` permission, one key space per plugin. */
export const HUB_PLUGIN_DATA_DB = 'heng-hub-plugin-data';
/** The install target of hub plugins: the hub itself. No site may take this id. */
export const HUB_PLACE = 'hub';

export { isSiteDb, SITE_DBS, type SiteDb } from '@heng/schemas';

import type { SiteDb } from '@heng/schemas';

/**
 * A site id as the hub accepts it at registration: it becomes part of CouchDB database names,
 * which must be lower case and start with a letter, so it is stricter than the schema's
 * Identifier.
 */
export const SITE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;

/** Throws `invalid_input` unless `id` can name a site's databases (and is not `hub`). */
export function checkSiteId(id: string, where = '/id'): void {
  if (id === HUB_PLACE)
    throw new ValidationError('site id', [
      { path: where, message: `"${HUB_PLACE}" is reserved for the hub itself (its own apps)` },
    ]);
  if (!SITE_ID_PATTERN.test(id))
    throw new ValidationError('site id', [
      {
        path: where,
        message: `"${id}" must start with a lower-case letter and hold only a-z, 0-9, _ and -, at most 63 characters`,
      },
    ]);
}

/** `heng-site-lighting-01-control`: the CouchDB database of one site's `db`. */
export function siteDbName(site: string, db: SiteDb): string {
  checkSiteId(site);
  return `heng-site-${site}-${db}`;
}

/** The control database of `place`: a site's, or the hub's own. */
export function controlDbOf(place: string): string {
  return place === HUB_PLACE ? HUB_CONTROL_DB : siteDbName(place, 'control');
}
