/**
 * @module Upgrading an installed plugin to another published version, and rolling it back. An
 * upgrade that asks for more must be consented again (the refusal carries the difference); the
 * version it replaces is kept in `previous`, and its settings and permissions in
 * `install-previous/<site>/<plugin>` at the hub, so a rollback restores exactly what ran before.
 */
import { type AppUpgradeRequest, assertAppInstall, HengError, NotFoundError } from '@heng/schemas';
import { requireUpgradeConsent } from './consent.ts';
import type { Actor, CatalogContext } from './context.ts';
import {
  type AppInstallDoc,
  installDocId,
  type PreviousInstallDoc,
  previousId,
} from './documents.ts';
import { installTarget } from './install.ts';
import { describeDiff } from './permission-diff.ts';
import { checkedConfig, copyPackageToSite } from './site-copy.ts';

/** The live install record of `plugin` at `site`, or not_found. */
export async function requireInstall(
  ctx: CatalogContext,
  site: string,
  plugin: string,
): Promise<AppInstallDoc & { _id: string; _rev: string }> {
  await ctx.requireSites([site]);
  const doc = await ctx.control(site).get<AppInstallDoc>(installDocId(plugin));
  if (!doc || doc.state === 'uninstalled')
    throw new NotFoundError(`${plugin} is not installed at ${site}`);
  return doc;
}

/** Moves the install at `site` to `body.version`. */
export async function upgradeApp(
  ctx: CatalogContext,
  actor: Actor,
  site: string,
  plugin: string,
  body: AppUpgradeRequest,
): Promise<AppInstallDoc> {
  const current = await requireInstall(ctx, site, plugin);
  const from = current.plugin.version;
  if (from === body.version)
    throw new HengError('conflict', `${plugin} is already at ${from} at ${site}`);
  const pkg = await ctx.requirePackage(plugin, body.version);
  const trust = await ctx.requireInstallable(pkg, [site]);
  const diff = requireUpgradeConsent(
    current.permissions,
    pkg.permissions,
    body.consent?.permissions,
    `${plugin}@${body.version}`,
  );
  const config = checkedConfig(pkg, body.config ?? current.config);
  const at = ctx.stamp();
  const next: AppInstallDoc = {
    ...current,
    plugin: pkg.plugin,
    permissions: pkg.permissions,
    config,
    previous: { version: current.plugin.version, digest: current.plugin.digest },
    updatedAt: at,
  };
  if (body.consent) next.consent = { by: actor.id, at };
  assertAppInstall(next, `${installDocId(plugin)} at ${site}`);

  const kept = await ctx.hub.get<PreviousInstallDoc>(previousId(site, plugin));
  const previous: PreviousInstallDoc = {
    type: 'install-previous',
    site,
    plugin: current.plugin,
    permissions: current.permissions,
    config: current.config,
    consent: current.consent,
  };
  await ctx.hub.put(previousId(site, plugin), kept ? { ...previous, _rev: kept._rev } : previous);
  await copyPackageToSite(ctx, site, pkg, trust);
  await ctx.control(site).put(installDocId(plugin), next);
  await ctx.record({
    actor: actor.audit,
    action: 'install.upgrade',
    target: installTarget(site, plugin),
    outcome: 'ok',
    detail: {
      site,
      plugin,
      from,
      to: body.version,
      digest: pkg.plugin.digest,
      permissions: describeDiff(diff),
    },
  });
  return next;
}

/**
 * Puts the install back to its `previous` version, with the settings and permissions it had;
 * `previous` is cleared, so a failing rollback target never flips back and forth.
 */
export async function rollbackApp(
  ctx: CatalogContext,
  actor: Actor,
  site: string,
  plugin: string,
  action = 'install.rollback',
): Promise<AppInstallDoc> {
  const current = await requireInstall(ctx, site, plugin);
  const back = current.previous;
  if (!back)
    throw new HengError('conflict', `${plugin} at ${site} has no previous version to roll back to`);
  const pkg = await ctx.requirePackage(plugin, back.version);
  const trust = await ctx.requireInstallable(pkg, [site]);
  const kept = await ctx.hub.get<PreviousInstallDoc>(previousId(site, plugin));
  const restored = kept && kept.plugin.digest === back.digest ? kept : undefined;
  const at = ctx.stamp();
  const { previous: _dropped, ...rest } = current;
  const next: AppInstallDoc = {
    ...rest,
    plugin: pkg.plugin,
    // Without the kept record, the catalog's permissions of that version: they were consented
    // when it was installed, and the settings are checked against its schema.
    permissions: restored?.permissions ?? pkg.permissions,
    config: restored?.config ?? checkedConfig(pkg, current.config),
    consent: restored?.consent ?? current.consent,
    state: current.state === 'stopped' ? 'stopped' : 'active',
    updatedAt: at,
  };
  assertAppInstall(next, `${installDocId(plugin)} at ${site}`);
  await copyPackageToSite(ctx, site, pkg, trust);
  await ctx.control(site).put(installDocId(plugin), next);
  await ctx.record({
    actor: actor.audit,
    action,
    target: installTarget(site, plugin),
    outcome: 'ok',
    detail: { site, plugin, from: current.plugin.version, to: back.version, digest: back.digest },
  });
  return next;
}
