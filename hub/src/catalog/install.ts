/**
 * @module Installing a published package at one or more sites, all or nothing: every check
 * (sites, package, revocation, trust, consent, settings, no live install) passes for every site
 * before the first write; then each site gets the package, the signer's key and the install record.
 */
import { type AppInstallRequest, assertAppInstall, HengError, toHengError } from '@heng/schemas';
import { requireExactConsent } from './consent.ts';
import type { Actor, CatalogContext } from './context.ts';
import { type AppInstallDoc, installDocId } from './documents.ts';
import { checkedConfig, copyPackageToSite } from './site-copy.ts';

/** `install/<site>/<plugin>`: the audit target of one install. */
export const installTarget = (site: string, plugin: string): string => `install/${site}/${plugin}`;

/** The install record without CouchDB's fields, as the API shows it. */
export function shownInstall(doc: AppInstallDoc): AppInstallDoc {
  const { _rev: _r, _id: _i, ...rest } = doc;
  return rest;
}

/**
 * Installs `body.plugin` at `body.sites`. When the store fails midway, the sites done keep a
 * complete install (each site's records are independent) and the error names the sites done and
 * the sites not done; installing again at the latter finishes the job.
 */
export async function installApp(
  ctx: CatalogContext,
  actor: Actor,
  body: AppInstallRequest,
): Promise<AppInstallDoc[]> {
  const { id, version } = body.plugin;
  const what = `${id}@${version}`;
  await ctx.requireSites(body.sites);
  const pkg = await ctx.requirePackage(id, version);
  const trust = await ctx.requireInstallable(pkg, body.sites);
  requireExactConsent(body.consent.permissions, pkg.permissions, what);
  const config = checkedConfig(pkg, body.config);
  const existing = new Map<string, AppInstallDoc | undefined>();
  const live: string[] = [];
  for (const site of body.sites) {
    const doc = await ctx.control(site).get<AppInstallDoc>(installDocId(id));
    existing.set(site, doc);
    if (doc && doc.state !== 'uninstalled')
      live.push(`${site} (${doc.plugin.version}, ${doc.state})`);
  }
  if (live.length > 0)
    throw new HengError(
      'conflict',
      `${id} is already installed at ${live.join(', ')}: upgrade it there, or uninstall it first`,
    );

  const at = ctx.stamp();
  const done: AppInstallDoc[] = [];
  for (const site of body.sites) {
    const record: AppInstallDoc = {
      type: 'app-install',
      site,
      plugin: pkg.plugin,
      permissions: pkg.permissions,
      config,
      state: 'active',
      consent: { by: actor.id, at },
      autoRollback: body.autoRollback ?? false,
      updatedAt: at,
    };
    assertAppInstall(record, `${installDocId(id)} for ${site}`);
    try {
      await copyPackageToSite(ctx, site, pkg, trust);
      const before = existing.get(site);
      await ctx
        .control(site)
        .put(installDocId(id), before ? { ...record, _rev: before._rev } : record);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const rest = body.sites.slice(done.length);
      await ctx.record({
        actor: actor.audit,
        action: 'install.create',
        target: installTarget(site, id),
        outcome: 'failed',
        detail: { site, plugin: id, version, installedAt: done.map((d) => d.site), notAt: rest },
      });
      const installed = done.map((d) => d.site).join(', ') || 'no site';
      if (toHengError(err).code === 'conflict')
        // Another administrator's install or change at this site landed first.
        throw new HengError(
          'conflict',
          `${id} was installed or changed at ${site} by someone else meanwhile (installed ${what} at ${installed}; not at ${rest.join(', ')}): look at ${site} again`,
          { cause: err },
        );
      // Whatever the store said, the install is now partly done: a store failure, not a refusal.
      throw new HengError(
        'store_unavailable',
        `installed ${what} at ${done.map((d) => d.site).join(', ') || 'no site'}; not at ${rest.join(', ')}: ${message}`,
        { cause: err },
      );
    }
    await ctx.record({
      actor: actor.audit,
      action: 'install.create',
      target: installTarget(site, id),
      outcome: 'ok',
      detail: {
        site,
        plugin: id,
        version,
        digest: pkg.plugin.digest,
        autoRollback: record.autoRollback,
      },
    });
    done.push(record);
  }
  return done;
}
