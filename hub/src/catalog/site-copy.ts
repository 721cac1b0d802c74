/**
 * @module Puts what an edge needs to verify and run a package into its site's control db: the
 * `package/<id>@<version>` document with the archive attached, and the signer's `trust/<keyId>`.
 * Both are written before the install record, so an edge never reads an install whose package
 * the hub has not yet sent. Writing what is already there is skipped.
 */
import { ConfigError, type Issue, validateAgainst } from '@heng/schemas';
import type { CatalogContext } from './context.ts';
import {
  type CatalogPackageDoc,
  PACKAGE_ATTACHMENT,
  packageDocId,
  type SitePackageDoc,
  type TrustDoc,
  trustDocId,
} from './documents.ts';

/** Copies the package and its signer's key into the site's control db. */
export async function copyPackageToSite(
  ctx: CatalogContext,
  site: string,
  pkg: CatalogPackageDoc,
  trust: TrustDoc,
): Promise<void> {
  const db = ctx.control(site);
  const keyDoc = trustDocId(trust.keyId);
  if (!(await db.get(keyDoc))) {
    const { _id: _i, _rev: _r, ...key } = trust;
    await db.put(keyDoc, key);
  }
  const id = packageDocId(pkg.plugin.id, pkg.plugin.version);
  if (await db.get(id)) return;
  const bytes = await ctx.hub.attachment(id, PACKAGE_ATTACHMENT);
  const doc: SitePackageDoc = { type: 'package', plugin: pkg.plugin, keyId: pkg.keyId };
  await db.put(id, {
    ...doc,
    _attachments: {
      [PACKAGE_ATTACHMENT]: {
        content_type: 'application/octet-stream',
        data: Buffer.from(bytes).toString('base64'),
      },
    },
  });
}

const EMPTY_CONFIG_SCHEMA = { type: 'object', additionalProperties: false };

/**
 * The settings checked against the package's settings schema, with its defaults filled in.
 * @throws ConfigError (`invalid_config`) with paths under `/config`.
 */
export function checkedConfig(pkg: CatalogPackageDoc, config: unknown): Record<string, unknown> {
  try {
    return validateAgainst<Record<string, unknown>>(
      pkg.configSchema ?? EMPTY_CONFIG_SCHEMA,
      config ?? {},
      `config for ${pkg.plugin.id}`,
      { useDefaults: true },
    );
  } catch (err) {
    const issues = (err as { issues?: Issue[] }).issues;
    if ((err as { code?: string }).code !== 'invalid_config' || !issues) throw err;
    throw new ConfigError(
      `${pkg.plugin.id}@${pkg.plugin.version}`,
      issues.map((i) => ({ ...i, path: `/config${i.path}` })),
    );
  }
}
