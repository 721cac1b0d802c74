/**
 * @module The hub's database names in CouchDB. One place, so the gateway, the registry and the
 * tests agree on them.
 */
import { ValidationError } from '@heng/schemas';

/** The hub's registry: organisations, users, tokens, sites, trusted keys, the catalog. */
export const HUB_DB = 'heng-hub';
/** The append-only, hash-chained audit log. */
export const AUDIT_DB = 'heng-audit';

/** The two databases every site has. */
export const SITE_DBS = ['control', 'telemetry'] as const;
export type SiteDb = (typeof SITE_DBS)[number];

/**
 * A site id as the hub accepts it at registration: it becomes part of CouchDB database names,
 * which must be lower case and start with a letter, so it is stricter than the schema's
 * Identifier.
 */
export const SITE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;

/** Throws `invalid_input` unless `id` can name a site's databases. */
export function checkSiteId(id: string, where = '/id'): void {
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

export function isSiteDb(db: string): db is SiteDb {
  return (SITE_DBS as readonly string[]).includes(db);
}
