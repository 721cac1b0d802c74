/**
 * @module The documents that carry apps to where they run (written by the hub into a site's
 * control database, or into the hub's own apps database) and what the runner reports back, as
 * hub/README.md's contract lists them.
 */
import {
  type AppInstall,
  type PluginStatusDoc as PluginStatusSchema,
  type Revocation,
  type SitePackage,
  siteDocKind,
  type TrustedKey,
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

// The ids are the site-database contract's, re-exported for the apps' callers.
export {
  installDocId,
  PACKAGE_ATTACHMENT,
  packageDocId,
  pluginStatusDocId,
} from '@heng/schemas';

/** The document kinds the apps follow. */
export type AppDocKind = 'install' | 'package' | 'trust' | 'revocation';
const APP_KINDS: readonly string[] = ['install', 'package', 'trust', 'revocation'];

/** The kind of the apps' document `id` (its namespace in the contract), or undefined. */
export function kindOf(id: string): AppDocKind | undefined {
  const kind = siteDocKind('control', id)?.kind;
  return kind !== undefined && APP_KINDS.includes(kind) ? (kind as AppDocKind) : undefined;
}
