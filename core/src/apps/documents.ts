/**
 * @module The documents that carry apps to where they run (written by the hub into a site's
 * control database, or into the hub's own apps database) and what the runner reports back, as
 * hub/README.md's contract lists them.
 */
import type {
  AppInstall,
  PluginStatusDoc as PluginStatusSchema,
  Revocation,
  SitePackage,
  TrustedKey,
} from '@heng/schemas';

/** `app-install/<pluginId>`: what should run here, with the consented grant and config. */
export type AppInstallDoc = AppInstall & { _id: string; _rev?: string };

/** `package/<pluginId>@<version>` (schema `package`): the signed `.hpkg` as attachment `package.hpkg`. */
export type PackageDoc = SitePackage & { _id: string };

/** `trust/<keyId>` (schema `trusted-key`): a vendor key the hub trusts. */
export type TrustDoc = TrustedKey & { _id: string };

/** `revocation/<digest>` (schema `revocation`): a package that must never run again. */
export type RevocationDoc = Revocation & { _id: string };

/** `plugin-status/<pluginId>` (schema `plugin-status`), written by the runner only. */
export type PluginStatusDoc = PluginStatusSchema & { _id: string; _rev?: string };

/**
 * What a runner says of one plugin. The host's states, plus the runner's own: `waiting` (the
 * install record arrived, its package not yet), `refused` (the package failed its digest,
 * signature or trust check, a record failed its schema, or an install check), `revoked` and
 * `uninstalled`.
 */
export type PluginReportState = PluginStatusDoc['state'];

export const PACKAGE_ATTACHMENT = 'package.hpkg';

export const packageDocId = (id: string, version: string) => `package/${id}@${version}`;
export const installDocId = (id: string) => `app-install/${id}`;
export const pluginStatusDocId = (id: string) => `plugin-status/${id}`;

/** The document kinds the apps follow, by `_id` prefix. */
export function kindOf(id: string): 'install' | 'package' | 'trust' | 'revocation' | undefined {
  if (id.startsWith('app-install/')) return 'install';
  if (id.startsWith('package/')) return 'package';
  if (id.startsWith('trust/')) return 'trust';
  if (id.startsWith('revocation/')) return 'revocation';
  return undefined;
}
