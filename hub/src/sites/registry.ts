/**
 * @module The site registry: registering a site creates its two databases and an edge token for
 * it; the site document is written last, so a site that exists has everything it needs.
 */
import type { Site } from '@heng/schemas';
import { HengError, ValidationError } from '@heng/schemas';
import type { AuditLog } from '../audit/types.ts';
import { actorOf } from '../auth/hub-auth.ts';
import type { Principal } from '../auth/types.ts';
import { cleared } from '../auth/types.ts';
import {
  type Couch,
  checkSiteId,
  couchStatus,
  HUB_DB,
  SITE_DBS,
  siteDbName,
  storeError,
} from '../couch/index.ts';
import { SiteSecurity } from '../validation/index.ts';

/** A site as the hub keeps it. */
export type SiteRecord = Site & { _id: string; _rev?: string; type: 'site'; createdAt: string };

/** What the registry needs from the token service (hub/src/auth). */
export interface EdgeTokens {
  /** Issues a new token for the site's edge; returns it once, the hub keeps only its hash. */
  issueEdgeToken(site: string): Promise<string>;
  /** Revokes every token of the site's edge. */
  revokeEdgeTokens(site: string): Promise<void>;
}

export interface SiteRegistryOptions {
  couch: Couch;
  audit: AuditLog;
  tokens: EdgeTokens;
  /** Copies what every site must have (trusted keys, revocations) into a new control database. */
  seed?: (site: string) => Promise<void>;
  /**
   * The second layer on a real CouchDB (site user, members, validation design documents), made
   * when a site is registered and checked again when its token is rotated. Default: a
   * `SiteSecurity` over `couch`, a no-op on the embedded store.
   */
  security?: { secure(site: string): Promise<void> };
  /** Whether an organisation is registered; a site's `organisation` must name one. */
  organisations?: { exists(id: string): Promise<boolean> };
  /** Told of each new site once it is registered (the site watcher starts following it). */
  onRegistered?: (site: string) => Promise<void> | void;
  now?: () => Date;
}

export const siteDocId = (id: string) => `site/${id}`;

/** `site-claim/<id>` in `heng-hub`: who is registering a site id, and since when. */
interface SiteClaim {
  _id: string;
  _rev?: string;
  type: 'site-claim';
  at: string;
}

/** After this long without its site document, a claim was left by a registration that died. */
const CLAIM_STALE_MS = 2 * 60_000;

export class SiteRegistry {
  readonly #o: SiteRegistryOptions;
  readonly #security: { secure(site: string): Promise<void> };
  /** Site documents are written once and never changed, so a read one is kept. */
  readonly #known = new Map<string, SiteRecord>();

  constructor(options: SiteRegistryOptions) {
    this.#o = options;
    this.#security =
      options.security ?? new SiteSecurity({ couch: options.couch, audit: options.audit });
  }

  /**
   * Registers a new site; returns it with its edge token, which is shown only this once. All or
   * nothing: the registration first claims the id (`site-claim/<id>`, so of two at once one goes
   * on and the other is a conflict before it touches anything), and one that fails part-way drops
   * the site's databases and the site document it wrote, so a retry starts from clean.
   */
  async register(site: Site, by: Principal): Promise<{ site: SiteRecord; token: string }> {
    checkSiteId(site.id);
    await this.#checkBody(site);
    const { couch, audit, tokens } = this.#o;
    const id = siteDocId(site.id);
    if (await this.find(site.id))
      throw new HengError('conflict', `site ${site.id} is already registered`);
    const now = this.#o.now?.() ?? new Date();
    const claim = await this.#claim(site.id, now);
    const record: SiteRecord = { ...site, _id: id, type: 'site', createdAt: now.toISOString() };
    let token: string;
    try {
      for (const db of SITE_DBS) await couch.ensureDb(siteDbName(site.id, db));
      // Before anything is seeded: on a CouchDB the databases are the site's only once secured.
      await this.#security.secure(site.id);
      await this.#o.seed?.(site.id);
      try {
        record._rev = (await couch.db<SiteRecord>(HUB_DB).insert(record)).rev;
      } catch (err) {
        throw storeError(err, `register site ${site.id}`);
      }
      token = await tokens.issueEdgeToken(site.id).catch(async (err: unknown) => {
        await this.#forget(record);
        throw err;
      });
    } catch (err) {
      // The claim is ours and no site document stands: the databases are this attempt's.
      await this.#drop(site.id);
      await this.#forget(claim);
      throw err;
    }
    // Again, now that the site is listed: a revocation made between the first seeding and the
    // listing went to the sites listed then, not to this one (seeding skips what is there).
    await this.#o.seed?.(site.id);
    await this.#o.onRegistered?.(site.id);
    await audit.append({
      actor: actorOf(by),
      action: 'site.register',
      target: id,
      outcome: 'ok',
      detail: { name: site.name, dataClass: site.dataClass ?? 'internal' },
    });
    return { site: record, token };
  }

  /** What the schema cannot say of a registration: store fields, and the organisation's existence. */
  async #checkBody(site: Site): Promise<void> {
    const issues: Array<{ path: string; message: string }> = [];
    for (const field of ['_id', '_rev', 'type', 'createdAt'])
      if (field in site)
        issues.push({ path: `/${field}`, message: 'is set by the hub; leave it out' });
    const { organisation } = site;
    if (organisation !== undefined && !(await this.#o.organisations?.exists(organisation)))
      issues.push({
        path: '/organisation',
        message: `no organisation "${organisation}" is registered`,
      });
    if (issues.length > 0) throw new ValidationError('site', issues);
  }

  /**
   * Claims `site-claim/<site>` for this registration: a conflict when another holds it. A claim
   * with no site document after `CLAIM_STALE_MS` was left by a registration that died (a hub
   * killed mid-way) and is taken over. Claims are kept after success, so a registration that
   * read "not registered" just before another finished still meets a conflict here.
   */
  async #claim(site: string, now: Date): Promise<SiteClaim> {
    const db = this.#o.couch.db<SiteClaim>(HUB_DB);
    const claim: SiteClaim = {
      _id: `site-claim/${site}`,
      type: 'site-claim',
      at: now.toISOString(),
    };
    const busy = () =>
      new HengError('conflict', `site ${site} is being registered or is registered already`);
    try {
      return { ...claim, _rev: (await db.insert(claim)).rev };
    } catch (err) {
      if (couchStatus(err) !== 409) throw storeError(err, `claim site ${site}`);
    }
    const held = await db.get(claim._id).catch(() => undefined);
    const stale = held && now.getTime() - Date.parse(held.at) > CLAIM_STALE_MS;
    if (!held || !stale || (await this.find(site))) throw busy();
    try {
      return { ...claim, _rev: (await db.insert({ ...claim, _rev: held._rev })).rev };
    } catch (err) {
      if (couchStatus(err) === 409) throw busy();
      throw storeError(err, `claim site ${site}`);
    }
  }

  /** Drops the site's databases after a failed registration. Best effort: the first failure is what the caller hears about. */
  async #drop(site: string): Promise<void> {
    for (const name of SITE_DBS.map((db) => siteDbName(site, db)))
      await this.#o.couch
        .dropDb(name)
        .catch((err: unknown) =>
          console.error(`register site ${site}: could not drop ${name}: ${(err as Error).message}`),
        );
  }

  /** Deletes a document a failed registration wrote: its site document, its claim. */
  async #forget(record: { _id: string; _rev?: string | undefined }): Promise<void> {
    if (!record._rev) return;
    await this.#o.couch
      .db(HUB_DB)
      .destroy(record._id, record._rev)
      .catch((err: unknown) =>
        console.error(`register ${record._id}: could not delete it: ${(err as Error).message}`),
      );
  }

  /** Replaces the site's edge token: the old one stops working at once. */
  async rotateToken(siteId: string, by: Principal): Promise<string> {
    await this.get(siteId, by);
    // A site registered before the second layer existed gets it here; otherwise nothing changes
    // (the site user's password never leaves the hub, so it is not rotated with the token).
    await this.#security.secure(siteId);
    await this.#o.tokens.revokeEdgeTokens(siteId);
    const token = await this.#o.tokens.issueEdgeToken(siteId);
    await this.#o.audit.append({
      actor: actorOf(by),
      action: 'site.token.rotate',
      target: siteDocId(siteId),
      outcome: 'ok',
    });
    return token;
  }

  /** Every site the principal is cleared to see, by id. */
  async list(principal: Principal): Promise<SiteRecord[]> {
    const hub = this.#o.couch.db<SiteRecord>(HUB_DB);
    try {
      const rows = await hub.list({ startkey: 'site/', endkey: 'site/\ufff0', include_docs: true });
      return rows.rows
        .map((r) => r.doc)
        .filter((d): d is SiteRecord & { _rev: string } => d?.type === 'site')
        .filter((d) => cleared(principal.clearance, d.dataClass));
    } catch (err) {
      throw storeError(err, 'list sites');
    }
  }

  /** One site; not_found when it does not exist or the principal may not see it. */
  async get(siteId: string, principal: Principal): Promise<SiteRecord> {
    const site = await this.find(siteId);
    if (!site || !cleared(principal.clearance, site.dataClass))
      throw new HengError('not_found', `site ${siteId} is not registered`);
    return site;
  }

  /** Whether the site exists, for code that has no principal (the gateway). */
  async exists(siteId: string): Promise<boolean> {
    return (await this.find(siteId)) !== undefined;
  }

  /**
   * The site's record (cached), or undefined when it is not registered: for code that acts for
   * the hub itself, with no principal (the gateway, hub plugins).
   */
  async find(siteId: string): Promise<SiteRecord | undefined> {
    const known = this.#known.get(siteId);
    if (known) return known;
    try {
      const found = await this.#o.couch.db<SiteRecord>(HUB_DB).get(siteDocId(siteId));
      this.#known.set(siteId, found);
      return found;
    } catch (err) {
      if (couchStatus(err) === 404) return undefined;
      throw storeError(err, `read site ${siteId}`);
    }
  }
}
