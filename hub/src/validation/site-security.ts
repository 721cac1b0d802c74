/**
 * @module The second layer behind the sync gateway, on a real CouchDB: per site a CouchDB user
 * that is the only member of the site's databases, validation design documents generated from
 * the gateway's policy, and the gateway forwarding each edge as its site's user. On the embedded
 * store (express-pouchdb in `minimumForPouchDB` mode: no users, no `_security`, no validation)
 * there is nothing to install and edges are forwarded with the hub's credentials, as before.
 */
import type { AuditLog } from '../audit/types.ts';
import {
  AUDIT_DB,
  type Couch,
  HUB_CONTROL_DB,
  HUB_DB,
  HUB_PLUGIN_DATA_DB,
  type StoreAccess,
  storeError,
} from '../couch/index.ts';
import { installSiteValidation } from './design-docs.ts';
import { basicAuthorization, putSecurity, SiteUsers, type SiteUsersOptions } from './site-users.ts';

/** Chooses the credentials the gateway forwards a site's edge with. */
export interface EdgeForwarding {
  storeFor(site: string): Promise<StoreAccess>;
}

export interface SiteSecurityOptions extends Pick<SiteUsersOptions, 'clearance' | 'now'> {
  couch: Couch;
  /** Changes are audited as actor `hub`, action `site.store-security`. */
  audit?: AuditLog;
  /** The hub's registry database. Default `heng-hub`. */
  db?: string;
  /** The audit log's database, made readable by server admins only. Default `heng-audit`. */
  auditDb?: string;
}

/** What a CouchDB 3 answers at `/`; express-pouchdb answers `{"express-pouchdb": "Welcome!"}`. */
async function isCouchDb(couch: Couch): Promise<boolean> {
  try {
    const welcome = (await couch.server.info()) as { couchdb?: unknown };
    return welcome.couchdb === 'Welcome';
  } catch (err) {
    throw storeError(err, 'ask the store what it is');
  }
}

/**
 * Installs and serves the second layer. One per hub is enough, but two (the registry's and the
 * gateway's) agree: the credential is read from the store, never invented twice.
 *
 * @example
 * ```ts
 * const security = new SiteSecurity({ couch, audit });
 * await security.secureAll(); // at start: every registered site
 * await security.secure('lighting-02'); // at registration, after its databases exist
 * const { url, authorization } = await security.storeFor('lighting-02'); // the gateway
 * ```
 */
export class SiteSecurity implements EdgeForwarding {
  readonly #couch: Couch;
  readonly #audit: AuditLog | undefined;
  readonly #db: string;
  readonly #auditDb: string;
  readonly #users: SiteUsers;
  #couchdb: Promise<boolean> | undefined;
  /** Per site, the access the gateway forwards with; dropped when it could not be made. */
  readonly #access = new Map<string, Promise<StoreAccess>>();

  constructor(options: SiteSecurityOptions) {
    this.#couch = options.couch;
    this.#audit = options.audit;
    this.#db = options.db ?? HUB_DB;
    this.#auditDb = options.auditDb ?? AUDIT_DB;
    this.#users = new SiteUsers({ ...options, db: this.#db });
  }

  /** Whether the store is a CouchDB that authenticates users and runs validation (probed once). */
  secondLayer(): Promise<boolean> {
    this.#couchdb ??= isCouchDb(this.#couch).catch((err: unknown) => {
      this.#couchdb = undefined;
      throw err;
    });
    return this.#couchdb;
  }

  /**
   * Makes a site's second layer what it should be: its user, stored credential, membership and
   * validation design documents. Writes only what differs, and audits what it wrote. The site's
   * databases must exist. A no-op on the embedded store.
   */
  async secure(site: string): Promise<void> {
    if (!(await this.secondLayer())) return;
    const changed: string[] = [];
    try {
      const { credentials, created } = await this.#users.credential(site);
      if (created) changed.push('credential');
      if (await this.#users.ensureUser(credentials)) changed.push(`user ${credentials.name}`);
      for (const db of await this.#users.ensureMembers(site)) changed.push(`members of ${db}`);
      for (const db of await installSiteValidation(this.#couch, site))
        changed.push(`validation of ${db}`);
    } catch (err) {
      await this.#audit?.append({
        actor: 'hub',
        action: 'site.store-security',
        target: `site/${site}`,
        outcome: 'failed',
        detail: { changed, reason: (err as Error).message },
      });
      throw err;
    }
    if (changed.length > 0)
      await this.#audit?.append({
        actor: 'hub',
        action: 'site.store-security',
        target: `site/${site}`,
        outcome: 'ok',
        detail: { changed },
      });
  }

  /**
   * At start: the hub's own databases readable by server admins only (the registry holds the
   * site users' passwords), then `secure` for every registered site. Returns the sites.
   */
  async secureAll(): Promise<string[]> {
    if (!(await this.secondLayer())) return [];
    const adminsOnly = {
      admins: { names: [], roles: [] },
      members: { names: [], roles: ['_admin'] },
    };
    // The hub's own control and plugin data databases hold nothing an edge may reach either.
    for (const db of [this.#db, this.#auditDb, HUB_CONTROL_DB, HUB_PLUGIN_DATA_DB]) {
      await this.#couch.ensureDb(db);
      await putSecurity(this.#couch, db, adminsOnly);
    }
    const sites = await this.#sites();
    for (const site of sites) await this.secure(site);
    return sites;
  }

  async #sites(): Promise<string[]> {
    try {
      const rows = await this.#couch
        .db<{ type?: string; id?: string }>(this.#db)
        .list({ startkey: 'site/', endkey: 'site/\ufff0', include_docs: true });
      return rows.rows.flatMap((r) => (r.doc?.type === 'site' && r.doc.id ? [r.doc.id] : []));
    } catch (err) {
      throw storeError(err, 'list the registered sites');
    }
  }

  /**
   * The access the gateway forwards `site`'s edge with: the site user on a CouchDB (its layer is
   * made first if the site has none yet, e.g. registered before this hub version), the hub
   * itself on the embedded store.
   */
  storeFor(site: string): Promise<StoreAccess> {
    let access = this.#access.get(site);
    if (!access) {
      access = this.#makeAccess(site);
      this.#access.set(site, access);
      access.catch(() => this.#access.delete(site));
    }
    return access;
  }

  async #makeAccess(site: string): Promise<StoreAccess> {
    const url = this.#couch.url;
    if (!(await this.secondLayer())) return { url, authorization: this.#couch.authorization };
    const { credentials, created } = await this.#users.credential(site);
    if (created) await this.secure(site);
    return { url, authorization: basicAuthorization(credentials) };
  }
}
