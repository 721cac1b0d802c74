/**
 * @module What the wizard sends to the hub (`POST /api/installs`, `POST …/apps/:p/upgrade`) and
 * how it reads a refusal: the message in the user's language and, for `consent_required`, the
 * permission difference to show.
 */
import type { AppInstall, Permission } from '@heng/schemas';
import { type ApiClient, ApiError } from '../api/index.ts';
import { hasMessage, t } from '../i18n/index.ts';
import type { PermissionDifference } from './permission-list.ts';
import './wizard-messages.ts';

/** A catalog entry as `GET /api/catalog/packages/:id/:version` returns it. */
export interface CatalogEntry {
  plugin: { id: string; version: string; digest: string };
  name: string;
  description?: string;
  /** From the manifest; absent on entries an older hub published. */
  vendor?: { name: string; url?: string; email?: string };
  /** The UI panels the package declares (id and title); absent on older entries. */
  panels?: Array<{ id: string; title: string }>;
  permissions: Permission[];
  configSchema?: Record<string, unknown>;
  runsOn?: string[];
  keyId: string;
  publishedAt?: string;
  publisher?: string;
  revoked?: { reason: string; at: string; by: string };
}

/** A site to choose from. */
export interface WizardSite {
  id: string;
  name?: string;
}

/** Installs `pkg` at `sites` with consent to exactly its permissions (all sites or none). */
export async function sendInstall(
  api: ApiClient,
  pkg: CatalogEntry,
  sites: readonly string[],
  config: unknown,
): Promise<AppInstall[]> {
  const body = {
    sites,
    plugin: { id: pkg.plugin.id, version: pkg.plugin.version },
    config: config ?? {},
    consent: { permissions: pkg.permissions },
  };
  return (await api.post<{ installs: AppInstall[] }>('/api/installs', body)).installs;
}

/**
 * Upgrades the install at `site` to `pkg`'s version. Consent is sent only once the person
 * granted the difference; without it the hub answers `consent_required` when the version asks
 * for more, with the difference to show.
 */
export async function sendUpgrade(
  api: ApiClient,
  site: string,
  pkg: CatalogEntry,
  config: unknown,
  consented: boolean,
): Promise<AppInstall> {
  const body: Record<string, unknown> = { version: pkg.plugin.version, config: config ?? {} };
  if (consented) body.consent = { permissions: pkg.permissions };
  const path = `/api/sites/${encodeURIComponent(site)}/apps/${encodeURIComponent(pkg.plugin.id)}/upgrade`;
  return (await api.post<{ install: AppInstall }>(path, body)).install;
}

/** The permission difference a `consent_required` refusal carries, if this is one. */
export function differenceOf(err: unknown): PermissionDifference | undefined {
  if (!(err instanceof ApiError) || err.code !== 'consent_required') return undefined;
  const d = err.body.difference as Partial<PermissionDifference> | undefined;
  if (!d || typeof d !== 'object') return undefined;
  return {
    added: d.added ?? [],
    removed: d.removed ?? [],
    widened: d.widened ?? [],
    narrowed: d.narrowed ?? [],
  };
}

/** A refusal in the user's language: the wizard's words for the code, else the API client's. */
export function refusalWords(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const key = `wizard.error.${err.code}`;
  if (!hasMessage(key)) return err.friendly;
  return err.message ? `${t(key)} (${err.message})` : t(key);
}
