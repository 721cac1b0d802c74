/**
 * @module The catalog's documents in `heng-hub` and in a site's control database, with their ids,
 * as hub/README.md's control-database contract names them.
 */
import type {
  AppInstall,
  Permission,
  PluginStatusDoc as PluginStatusSchema,
  Revocation,
  TrustedKey,
} from '@heng/schemas';

/** `trust/<keyId>`: a vendor key the hub trusts (copied to sites that install its packages). */
export type TrustDoc = TrustedKey;

/** Plugin id, version and digest of one package. */
export interface PackageRef {
  id: string;
  version: string;
  digest: string;
}

/** What the catalog shows of a published package: its manifest's summary and who published it. */
export interface CatalogSummary {
  plugin: PackageRef;
  name: string;
  description?: string;
  permissions: Permission[];
  configSchema?: Record<string, unknown>;
  runsOn: string[];
  keyId: string;
  publishedAt: string;
  publisher: string;
  size: number;
}

/** `package/<id>@<version>` in `heng-hub`: the summary and the `.hpkg` as attachment. */
export interface CatalogPackageDoc extends CatalogSummary {
  _id?: string;
  _rev?: string;
  type: 'package';
}

/** `package/<id>@<version>` in a site's control db: just what the edge needs, and the attachment. */
export interface SitePackageDoc {
  _id?: string;
  _rev?: string;
  type: 'package';
  plugin: PackageRef;
  keyId: string;
}

/** `revocation/<digest>`, at the hub and in every site's control db. */
export type RevocationDoc = Revocation;

/** `app-install/<pluginId>` in a site's control db (schema `app-install`). */
export type AppInstallDoc = AppInstall & { _id?: string; _rev?: string };

/**
 * `install-previous/<site>/<pluginId>` in `heng-hub`: the config and permissions of the version
 * kept in `previous`, which the install record has no room for, so a rollback restores them.
 */
export interface PreviousInstallDoc {
  _id?: string;
  _rev?: string;
  type: 'install-previous';
  site: string;
  plugin: PackageRef;
  permissions: Permission[];
  config: Record<string, unknown>;
  consent: { by: string; at: string };
}

/** What the edge reports in `plugin-status/<pluginId>` (read only at the hub). */
export type PluginStatusDoc = PluginStatusSchema;

// The ids of the site-database contract, where the catalog writes and reads them.
export {
  installDocId,
  PACKAGE_ATTACHMENT,
  packageDocId,
  pluginStatusDocId,
  revocationDocId,
  trustDocId,
} from '@heng/schemas';

export const previousId = (site: string, pluginId: string): string =>
  `install-previous/${site}/${pluginId}`;
export const siteDocId = (site: string): string => `site/${site}`;
