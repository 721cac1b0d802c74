/**
 * @module What every catalog operation shares: the store, the audit log, the clock, who acts,
 * and the look-ups of sites and packages that each check makes before anything is written.
 */
import { HengError, NotFoundError } from '@heng/schemas';
import type { AuditLog, AuditRecord } from '../audit/types.ts';
import type { Principal } from '../auth/types.ts';
import { type Couch, checkSiteId, controlDbOf, HUB_DB, HUB_PLACE } from '../couch/index.ts';
import { DocStore } from './doc-store.ts';
import {
  type CatalogPackageDoc,
  packageDocId,
  type RevocationDoc,
  revocationDocId,
  siteDocId,
  type TrustDoc,
  trustDocId,
} from './documents.ts';

/** What the catalog needs from the hub. */
export interface CatalogDeps {
  couch: Couch;
  audit: AuditLog;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Largest `.hpkg` accepted by publish, in bytes (default 20 MiB, the core's own ceiling). */
  maxPackageBytes?: number;
}

/** Who acts: the audit log's actor and the id recorded as consenting. */
export interface Actor {
  /** `user:<id>`, `edge:<site>` or `hub`. */
  audit: string;
  /** The principal's id (`hub` for the hub itself). */
  id: string;
}

/** The hub acting by itself (auto-rollback). */
export const HUB_ACTOR: Actor = { audit: 'hub', id: 'hub' };

/** The actor of an authenticated principal. */
export function actorOf(principal: Principal): Actor {
  return { audit: `${principal.kind}:${principal.id}`, id: principal.id };
}

/** The shared state of one catalog. */
export class CatalogContext {
  readonly couch: Couch;
  readonly hub: DocStore;
  readonly maxPackageBytes: number;
  readonly #audit: AuditLog;
  readonly #now: () => Date;

  constructor(deps: CatalogDeps) {
    this.couch = deps.couch;
    this.hub = new DocStore(deps.couch, HUB_DB);
    this.maxPackageBytes = deps.maxPackageBytes ?? 20 * 1024 * 1024;
    this.#audit = deps.audit;
    this.#now = deps.now ?? (() => new Date());
  }

  /** ISO time now. */
  stamp(): string {
    return this.#now().toISOString();
  }

  /** Appends to the audit log. */
  async record(entry: AuditRecord): Promise<void> {
    await this.#audit.append(entry);
  }

  /** A site's control database, or for {@link HUB_PLACE} the hub's own apps database. */
  control(site: string): DocStore {
    return new DocStore(this.couch, controlDbOf(site));
  }

  /**
   * Throws not_found naming every site that is not registered (or cannot be a site id).
   * `hub`, the place hub plugins are installed at, is always there.
   */
  async requireSites(sites: readonly string[]): Promise<void> {
    const unknown: string[] = [];
    for (const site of sites) {
      if (site === HUB_PLACE) continue;
      try {
        checkSiteId(site);
      } catch {
        unknown.push(site);
        continue;
      }
      if (!(await this.hub.get(siteDocId(site)))) unknown.push(site);
    }
    if (unknown.length > 0)
      throw new NotFoundError(
        `unknown site${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (register a site before installing to it)`,
      );
  }

  /** The catalog entry of `id@version`, or not_found. */
  async requirePackage(id: string, version: string): Promise<CatalogPackageDoc> {
    const doc = await this.hub.get<CatalogPackageDoc>(packageDocId(id, version));
    if (!doc) throw new NotFoundError(`package ${id}@${version} is not in the catalog`);
    return doc;
  }

  /** The revocation of a digest, if it was revoked. */
  revocation(digest: string): Promise<RevocationDoc | undefined> {
    return this.hub.get<RevocationDoc>(revocationDocId(digest));
  }

  /**
   * Checks that a catalog package may go to these places now: not revoked, its signer still
   * trusted, and made to run there (`edge` for a site, `hub` for the hub). Returns the signer's
   * trust document.
   */
  async requireInstallable(pkg: CatalogPackageDoc, places: readonly string[]): Promise<TrustDoc> {
    const what = `${pkg.plugin.id}@${pkg.plugin.version}`;
    const revoked = await this.revocation(pkg.plugin.digest);
    if (revoked)
      throw new HengError(
        'package_revoked',
        `package ${what} (${pkg.plugin.digest}) was revoked at ${revoked.at}: ${revoked.reason}`,
      );
    const trust = await this.hub.get<TrustDoc>(trustDocId(pkg.keyId));
    if (!trust)
      throw new HengError(
        'untrusted_key',
        `package ${what} is signed by key ${pkg.keyId}, which the hub no longer trusts`,
      );
    const atHub = places.includes(HUB_PLACE);
    if (atHub && !pkg.runsOn.includes('hub'))
      throw new HengError(
        'invalid_manifest',
        `package ${what} runs on ${pkg.runsOn.join(' and ')} only, not at the hub (/runsOn)`,
      );
    if (places.some((p) => p !== HUB_PLACE) && !pkg.runsOn.includes('edge'))
      throw new HengError(
        'invalid_manifest',
        `package ${what} runs on ${pkg.runsOn.join(' and ')} only, not at a site's edge (/runsOn); install it at "${HUB_PLACE}"`,
      );
    return trust;
  }
}
