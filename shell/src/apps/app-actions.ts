/**
 * @module The lifecycle calls of one installed app (`/api/sites/:site/apps/:plugin/…`), and what
 * `GET /api/sites/:site/apps` returns.
 */
import type { AppInstall } from '@heng/schemas';
import type { ApiClient } from '../api/index.ts';

/** The edge's latest report on a plugin, as the hub merges it in. */
export interface AppStatus {
  plugin: { id: string; version: string; digest: string };
  state: string;
  faults?: number;
  lastError?: unknown;
  updatedAt?: string;
  /** Whether the report is about the version the install wants (else the edge lags). */
  current: boolean;
}

/** One plugin at a site: the install record (what the hub wants) and the edge's report. */
export interface SiteApp {
  install: AppInstall;
  status: AppStatus | null;
}

/** A lifecycle action with no body. */
export type AppAction = 'rollback' | 'disable' | 'enable' | 'uninstall';

function appPath(site: string, plugin: string): string {
  return `/api/sites/${encodeURIComponent(site)}/apps/${encodeURIComponent(plugin)}`;
}

/** The apps installed at `site` (uninstalled ones too), with their status. */
export async function listSiteApps(api: ApiClient, site: string): Promise<SiteApp[]> {
  return (await api.get<{ apps: SiteApp[] }>(`/api/sites/${encodeURIComponent(site)}/apps`)).apps;
}

/** Runs `action` on `plugin` at `site`; resolves to the install record the hub wrote. */
export async function runAppAction(
  api: ApiClient,
  site: string,
  plugin: string,
  action: AppAction,
): Promise<AppInstall> {
  return (await api.post<{ install: AppInstall }>(`${appPath(site, plugin)}/${action}`)).install;
}

/** Turns automatic rollback on or off. */
export async function setAutoRollback(
  api: ApiClient,
  site: string,
  plugin: string,
  on: boolean,
): Promise<AppInstall> {
  return (
    await api.request<{ install: AppInstall }>('PUT', `${appPath(site, plugin)}/auto-rollback`, {
      autoRollback: on,
    })
  ).install;
}

/** Words of an edge error (`{code, message}` or anything else). */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** The panels a grant lets the shell show. */
export function grantedPanels(install: AppInstall): string[] {
  return install.permissions.flatMap((p) => (p.capability === 'ui:panel' ? p.panels : []));
}
