/**
 * @module The catalog as one object: what the routes call, and what the rest of the hub calls
 * (the sites code seeds a new site with {@link Catalog.revocationsForNewSite}; a changes feed on
 * `plugin-status/…` calls {@link Catalog.applyAutoRollback}).
 */
import type { AppInstallRequest, AppUpgradeRequest, TrustedKeyRequest } from '@heng/schemas';
import { setAppState, setAutoRollback } from './app-state.ts';
import { type Actor, CatalogContext, type CatalogDeps } from './context.ts';
import type {
  AppInstallDoc,
  CatalogSummary,
  PluginStatusDoc,
  RevocationDoc,
  TrustDoc,
} from './documents.ts';
import { installApp, shownInstall } from './install.ts';
import { listPackages, publishPackage, summaryOf } from './publish.ts';
import {
  type RevocationResult,
  revocationsForNewSite,
  revokePackage,
  writeRevocationToSite,
} from './revoke.ts';
import {
  type AutoRollbackOutcome,
  applyAutoRollback,
  type SiteApp,
  siteApps,
} from './site-apps.ts';
import { addTrustedKey, listTrustedKeys, removeTrustedKey } from './trust.ts';
import { rollbackApp, upgradeApp } from './upgrade.ts';

/** Trusted keys, the catalog, installs and their lifecycle, over the hub's store. */
export class Catalog {
  readonly #ctx: CatalogContext;

  constructor(deps: CatalogDeps) {
    this.#ctx = new CatalogContext(deps);
  }

  addTrustedKey(actor: Actor, body: TrustedKeyRequest): Promise<TrustDoc> {
    return addTrustedKey(this.#ctx, actor, body);
  }
  listTrustedKeys(): Promise<TrustDoc[]> {
    return listTrustedKeys(this.#ctx);
  }
  removeTrustedKey(actor: Actor, keyId: string): Promise<void> {
    return removeTrustedKey(this.#ctx, actor, keyId);
  }
  publish(actor: Actor, bytes: Uint8Array): Promise<{ entry: CatalogSummary; created: boolean }> {
    return publishPackage(this.#ctx, actor, bytes);
  }
  /** Every entry, each with its revocation when it was revoked. */
  async listPackages(): Promise<Array<CatalogSummary & { revoked?: RevocationDoc }>> {
    const revoked = new Map((await revocationsForNewSite(this.#ctx)).map((r) => [r.digest, r]));
    return (await listPackages(this.#ctx)).map((entry) => {
      const r = revoked.get(entry.plugin.digest);
      return r ? { ...entry, revoked: r } : entry;
    });
  }
  /** One entry, with its revocation when it was revoked; not_found when not published. */
  async getPackage(
    id: string,
    version: string,
  ): Promise<CatalogSummary & { revoked?: RevocationDoc }> {
    const entry = summaryOf(await this.#ctx.requirePackage(id, version));
    const revoked = await this.#ctx.revocation(entry.plugin.digest);
    if (!revoked) return entry;
    const { _id: _i, _rev: _r, ...r } = revoked as RevocationDoc;
    return { ...entry, revoked: r };
  }
  revoke(actor: Actor, id: string, version: string, reason: string): Promise<RevocationResult> {
    return revokePackage(this.#ctx, actor, id, version, reason);
  }
  /** Every revocation, to write into the control db of a site being registered. */
  revocationsForNewSite(): Promise<RevocationDoc[]> {
    return revocationsForNewSite(this.#ctx);
  }
  /** Writes every revocation into a new site's control db (its databases must exist). */
  async seedNewSite(site: string): Promise<void> {
    for (const r of await revocationsForNewSite(this.#ctx))
      await writeRevocationToSite(this.#ctx, site, r);
  }
  install(actor: Actor, body: AppInstallRequest): Promise<AppInstallDoc[]> {
    return installApp(this.#ctx, actor, body);
  }
  upgrade(
    actor: Actor,
    site: string,
    plugin: string,
    body: AppUpgradeRequest,
  ): Promise<AppInstallDoc> {
    return upgradeApp(this.#ctx, actor, site, plugin, body).then(shownInstall);
  }
  rollback(actor: Actor, site: string, plugin: string): Promise<AppInstallDoc> {
    return rollbackApp(this.#ctx, actor, site, plugin).then(shownInstall);
  }
  disable(actor: Actor, site: string, plugin: string): Promise<AppInstallDoc> {
    return setAppState(this.#ctx, actor, site, plugin, 'stopped').then(shownInstall);
  }
  enable(actor: Actor, site: string, plugin: string): Promise<AppInstallDoc> {
    return setAppState(this.#ctx, actor, site, plugin, 'active').then(shownInstall);
  }
  uninstall(actor: Actor, site: string, plugin: string): Promise<AppInstallDoc> {
    return setAppState(this.#ctx, actor, site, plugin, 'uninstalled').then(shownInstall);
  }
  setAutoRollback(actor: Actor, site: string, plugin: string, on: boolean): Promise<AppInstallDoc> {
    return setAutoRollback(this.#ctx, actor, site, plugin, on).then(shownInstall);
  }
  siteApps(site: string): Promise<SiteApp[]> {
    return siteApps(this.#ctx, site);
  }
  /** See `applyAutoRollback` in site-apps.ts: rolls back on a failing report, as `hub`. */
  applyAutoRollback(site: string, status: PluginStatusDoc): Promise<AutoRollbackOutcome> {
    return applyAutoRollback(this.#ctx, site, status);
  }
}
