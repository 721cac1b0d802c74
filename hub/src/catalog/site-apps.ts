/**
 * @module What runs at a site, as the hub sees it: each `app-install` record (what the hub wants)
 * beside the edge's `plugin-status` report (what the edge runs), and the automatic rollback that
 * follows a report of failure.
 */
import { siteDocRange } from '@heng/schemas';
import type { Actor, CatalogContext } from './context.ts';
import { HUB_ACTOR } from './context.ts';
import { type AppInstallDoc, installDocId, type PluginStatusDoc } from './documents.ts';
import { shownInstall } from './install.ts';
import { rollbackApp } from './upgrade.ts';

/** One plugin at a site: the install record and the edge's latest report, if any. */
export interface SiteApp {
  install: AppInstallDoc;
  status: {
    plugin: PluginStatusDoc['plugin'];
    state: string;
    faults?: number;
    lastError?: unknown;
    updatedAt?: string;
    /** Whether the report is about the version the install record wants (else it is stale). */
    current: boolean;
  } | null;
}

/** Every plugin installed at `site` (uninstalled ones too), merged with its status. */
export async function siteApps(ctx: CatalogContext, site: string): Promise<SiteApp[]> {
  await ctx.requireSites([site]);
  const db = ctx.control(site);
  const installs = await db.list<AppInstallDoc>(siteDocRange('install').startkey);
  const statuses = new Map(
    (await db.list<PluginStatusDoc>(siteDocRange('plugin-status').startkey)).map((s) => [
      s.plugin?.id,
      s,
    ]),
  );
  return installs.map((install) => ({
    install: shownInstall(install),
    status: shownStatus(statuses.get(install.plugin.id), install),
  }));
}

/**
 * A runner's report as the API shows it: `current` when it is about the digest the install
 * wants (else it is stale); null without a report. The REST routes and the live feed share it.
 */
export function shownStatus(
  s: PluginStatusDoc | null | undefined,
  install: Pick<AppInstallDoc, 'plugin'> | null,
): SiteApp['status'] {
  if (!s) return null;
  return {
    plugin: s.plugin,
    state: s.state,
    ...(s.faults !== undefined ? { faults: s.faults } : {}),
    ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
    ...(s.updatedAt !== undefined ? { updatedAt: s.updatedAt } : {}),
    current: install !== null && s.plugin?.digest === install.plugin.digest,
  };
}

/** What {@link applyAutoRollback} did, and why. */
export interface AutoRollbackOutcome {
  rolledBack: boolean;
  reason: string;
  install?: AppInstallDoc;
}

const FAILING = new Set(['quarantined', 'failed']);

/**
 * Rolls a plugin back by itself (actor `hub`, audited) when the edge reports the version the
 * install wants as quarantined or failed, the install has `autoRollback` and a `previous`
 * version, and is active. Anything else is left alone; calling it again for the same report does
 * nothing, since the install then wants another digest. For the lead's changes feed on
 * `plugin-status/…`.
 */
export async function applyAutoRollback(
  ctx: CatalogContext,
  site: string,
  status: PluginStatusDoc,
  actor: Actor = HUB_ACTOR,
): Promise<AutoRollbackOutcome> {
  if (!FAILING.has(status.state)) return { rolledBack: false, reason: `state is ${status.state}` };
  const install = await ctx.control(site).get<AppInstallDoc>(installDocId(status.plugin.id));
  if (install?.state !== 'active') return { rolledBack: false, reason: 'not actively installed' };
  if (install.plugin.digest !== status.plugin.digest)
    return { rolledBack: false, reason: 'the report is about another version' };
  if (!install.autoRollback) return { rolledBack: false, reason: 'autoRollback is off' };
  if (!install.previous) return { rolledBack: false, reason: 'no previous version' };
  try {
    const next = await rollbackApp(ctx, actor, site, status.plugin.id, 'install.auto-rollback');
    return {
      rolledBack: true,
      reason: `${status.state} at ${install.plugin.version}`,
      install: next,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await ctx.record({
      actor: actor.audit,
      action: 'install.auto-rollback',
      target: `install/${site}/${status.plugin.id}`,
      outcome: 'failed',
      detail: {
        site,
        plugin: status.plugin.id,
        from: install.plugin.version,
        to: install.previous.version,
        message,
      },
    });
    return { rolledBack: false, reason: message };
  }
}
