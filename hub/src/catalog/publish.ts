/**
 * @module Publishing a package: the `.hpkg` is read and verified with the core against the keys
 * the hub trusts, refused if its digest was revoked, and stored in `heng-hub` as
 * `package/<id>@<version>` with the archive attached and its manifest's summary beside it
 * (name, description, vendor, permissions, settings schema, panels' titles).
 */
import { verifyPackage } from '@heng/core';
import { HengError, type PluginManifest, siteDocRange } from '@heng/schemas';
import type { Actor, CatalogContext } from './context.ts';
import {
  type CatalogPackageDoc,
  type CatalogSummary,
  PACKAGE_ATTACHMENT,
  packageDocId,
} from './documents.ts';
import { trustedPublicKeys } from './trust.ts';

/** One UI panel a package declares, as the catalog lists it (its page stays in the package). */
export interface PanelSummary {
  id: string;
  title: string;
}

/**
 * What the catalog says of a package: the stored summary, with the vendor and the panels'
 * titles from its manifest. Both are absent on entries published before the hub kept them;
 * readers show "not stated" then (the package itself, and so installs, are unchanged).
 */
export type PackageSummary = CatalogSummary & {
  vendor?: PluginManifest['vendor'];
  panels?: PanelSummary[];
};

/** The summary of a stored entry, without CouchDB's fields. */
export function summaryOf(doc: CatalogPackageDoc & PackageSummary): PackageSummary {
  const {
    _id: _i,
    _rev: _r,
    type: _t,
    ...summary
  } = doc as CatalogPackageDoc &
    PackageSummary & {
      _attachments?: unknown;
    };
  delete (summary as { _attachments?: unknown })._attachments;
  return summary;
}

/**
 * Verifies and stores a package. Publishing the same bytes again returns the stored entry;
 * other bytes under a published id@version are a conflict.
 * @throws HengError: the core's `invalid_package`, `signature_invalid`, `untrusted_key`,
 * `digest_mismatch`; `package_revoked`; `payload_too_large`; `conflict`.
 */
export async function publishPackage(
  ctx: CatalogContext,
  actor: Actor,
  bytes: Uint8Array,
): Promise<{ entry: PackageSummary; created: boolean }> {
  if (bytes.byteLength > ctx.maxPackageBytes)
    throw new HengError(
      'payload_too_large',
      `package: ${bytes.byteLength} bytes is over the limit of ${ctx.maxPackageBytes}`,
    );
  const trustedKeys = await trustedPublicKeys(ctx);
  const verified = await verifyPackage(bytes, {
    trustedKeys,
    limits: { maxPackedBytes: ctx.maxPackageBytes },
  });
  const { manifest } = verified;
  const digest = manifest.digest as string; // verifyPackage refuses a package without one
  const what = `${manifest.id}@${manifest.version}`;
  const revoked = await ctx.revocation(digest);
  if (revoked)
    throw new HengError(
      'package_revoked',
      `package ${what} (${digest}) was revoked at ${revoked.at}: ${revoked.reason}`,
    );
  const id = packageDocId(manifest.id, manifest.version);
  const existing = await ctx.hub.get<CatalogPackageDoc>(id);
  if (existing) {
    if (existing.plugin.digest === digest) return { entry: summaryOf(existing), created: false };
    throw new HengError(
      'conflict',
      `${what} is already published with digest ${existing.plugin.digest}; publish a new version instead`,
    );
  }
  const doc: CatalogPackageDoc & PackageSummary = {
    type: 'package',
    plugin: { id: manifest.id, version: manifest.version, digest },
    name: manifest.name,
    permissions: manifest.permissions,
    runsOn: manifest.runsOn,
    keyId: verified.keyId,
    publishedAt: ctx.stamp(),
    publisher: actor.id,
    size: bytes.byteLength,
  };
  if (manifest.description) doc.description = manifest.description;
  doc.vendor = manifest.vendor;
  const panels = manifest.ui?.panels ?? [];
  if (panels.length > 0) doc.panels = panels.map(({ id, title }) => ({ id, title }));
  if (manifest.config) doc.configSchema = manifest.config as Record<string, unknown>;
  await ctx.hub.put(id, {
    ...doc,
    _attachments: {
      [PACKAGE_ATTACHMENT]: {
        content_type: 'application/octet-stream',
        data: Buffer.from(bytes).toString('base64'),
      },
    },
  });
  await ctx.record({
    actor: actor.audit,
    action: 'catalog.publish',
    target: `catalog/package/${what}`,
    outcome: 'ok',
    detail: { plugin: manifest.id, version: manifest.version, digest, keyId: verified.keyId },
  });
  return { entry: summaryOf(doc), created: true };
}

/** Every catalog entry, by id then version. */
export async function listPackages(ctx: CatalogContext): Promise<PackageSummary[]> {
  return (
    await ctx.hub.list<CatalogPackageDoc & PackageSummary>(siteDocRange('package').startkey)
  ).map(summaryOf);
}
