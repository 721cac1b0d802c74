/**
 * @module Revoking a package: `revocation/<digest>` in `heng-hub`, its apps and every site's control db,
 * where the edge stops the package and will not start it again. Sites registered later get the
 * revocations from {@link revocationsForNewSite}.
 */
import { HengError, siteDocRange, toHengError } from '@heng/schemas';
import { HUB_PLACE } from '../couch/index.ts';
import type { Actor, CatalogContext } from './context.ts';
import { type RevocationDoc, revocationDocId, siteDocId } from './documents.ts';

/** Where a revocation was written. */
export interface RevocationResult {
  revocation: RevocationDoc;
  /** Places whose control db holds it now: `hub` (the hub's own apps), then sites. */
  sites: string[];
  /** Sites it could not be written to (then revokePackage throws, naming them); revoking again retries them. */
  failed: Array<{ site: string; message: string }>;
}

function bare(doc: RevocationDoc): RevocationDoc {
  const { _id: _i, _rev: _r, ...rest } = doc;
  return rest;
}

/**
 * Where a revocation must reach: the hub's own apps, then every registered site (`site/<id>`
 * documents in `heng-hub`).
 */
export async function revocationPlaces(ctx: CatalogContext): Promise<string[]> {
  const docs = await ctx.hub.list<{ id?: string }>(siteDocId(''));
  return [HUB_PLACE, ...docs.map((d) => d._id.slice(siteDocId('').length))];
}

/** Writes the revocation into a site's control db unless it is there already. */
export async function writeRevocationToSite(
  ctx: CatalogContext,
  site: string,
  revocation: RevocationDoc,
): Promise<void> {
  const db = ctx.control(site);
  const id = revocationDocId(revocation.digest);
  if (await db.get(id)) return;
  try {
    await db.put(id, bare(revocation));
  } catch (err) {
    // Written meanwhile (a registration seeding the site while a revoke writes to it): it is there.
    if (toHengError(err).code !== 'conflict') throw err;
  }
}

/**
 * Revokes `id@version`. Revoking a revoked package again writes it to the sites that missed it
 * and keeps the first reason.
 */
export async function revokePackage(
  ctx: CatalogContext,
  actor: Actor,
  id: string,
  version: string,
  reason: string,
): Promise<RevocationResult> {
  const pkg = await ctx.requirePackage(id, version);
  const digest = pkg.plugin.digest;
  let revocation = await ctx.revocation(digest);
  if (!revocation) {
    revocation = {
      type: 'revocation',
      digest,
      plugin: { id, version },
      reason,
      at: ctx.stamp(),
      by: actor.id,
    };
    await ctx.hub.put(revocationDocId(digest), revocation);
  }
  const result: RevocationResult = { revocation: bare(revocation), sites: [], failed: [] };
  for (const site of await revocationPlaces(ctx)) {
    try {
      await writeRevocationToSite(ctx, site, revocation);
      result.sites.push(site);
    } catch (err) {
      result.failed.push({ site, message: err instanceof Error ? err.message : String(err) });
    }
  }
  await ctx.record({
    actor: actor.audit,
    action: 'catalog.revoke',
    target: `catalog/package/${id}@${version}`,
    outcome: result.failed.length > 0 ? 'failed' : 'ok',
    detail: {
      plugin: id,
      version,
      digest,
      reason: revocation.reason,
      sites: result.sites,
      failed: result.failed.map((f) => f.site),
    },
  });
  if (result.failed.length > 0)
    throw new HengError(
      'store_unavailable',
      `revoked ${id}@${version} at the hub and at ${result.sites.join(', ') || 'no site'}, but not at ${result.failed.map((f) => `${f.site} (${f.message})`).join('; ')}; revoke again to retry`,
    );
  return result;
}

/** Every revocation, for a site being registered: write each into its control db. */
export async function revocationsForNewSite(ctx: CatalogContext): Promise<RevocationDoc[]> {
  return (await ctx.hub.list<RevocationDoc>(siteDocRange('revocation').startkey)).map(bare);
}
