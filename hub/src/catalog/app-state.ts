/**
 * @module The administrator's switches on an installed plugin: disable (`stopped`), enable
 * (`active`), uninstall (`uninstalled`) and whether the hub rolls it back by itself.
 */
import { HengError } from '@heng/schemas';
import type { Actor, CatalogContext } from './context.ts';
import { type AppInstallDoc, installDocId } from './documents.ts';
import { installTarget } from './install.ts';
import { requireInstall } from './upgrade.ts';

/** The wanted states an administrator sets, and the audit action of each. */
const ACTIONS = {
  stopped: 'install.disable',
  active: 'install.enable',
  uninstalled: 'install.uninstall',
} as const;

/** Sets the wanted state; setting the state it already has is a conflict that says so. */
export async function setAppState(
  ctx: CatalogContext,
  actor: Actor,
  site: string,
  plugin: string,
  state: keyof typeof ACTIONS,
): Promise<AppInstallDoc> {
  const current = await requireInstall(ctx, site, plugin);
  if (current.state === state)
    throw new HengError('conflict', `${plugin} at ${site} is already ${state}`);
  const next: AppInstallDoc = { ...current, state, updatedAt: ctx.stamp() };
  await ctx.control(site).put(installDocId(plugin), next);
  await ctx.record({
    actor: actor.audit,
    action: ACTIONS[state],
    target: installTarget(site, plugin),
    outcome: 'ok',
    detail: { site, plugin, version: current.plugin.version, from: current.state, to: state },
  });
  return next;
}

/** Turns automatic rollback on or off. */
export async function setAutoRollback(
  ctx: CatalogContext,
  actor: Actor,
  site: string,
  plugin: string,
  autoRollback: boolean,
): Promise<AppInstallDoc> {
  const current = await requireInstall(ctx, site, plugin);
  const next: AppInstallDoc = { ...current, autoRollback, updatedAt: ctx.stamp() };
  await ctx.control(site).put(installDocId(plugin), next);
  await ctx.record({
    actor: actor.audit,
    action: 'install.set-auto-rollback',
    target: installTarget(site, plugin),
    outcome: 'ok',
    detail: { site, plugin, version: current.plugin.version, autoRollback },
  });
  return next;
}
