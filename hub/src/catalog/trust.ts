/**
 * @module The vendor keys the hub trusts: `trust/<keyId>` in `heng-hub`. The key id is computed
 * from the key, never taken from the request, so a record cannot claim another key's name.
 */
import { importPublicKey, keyId, type PublicKeyRecord } from '@heng/core';
import { HengError, NotFoundError, siteDocRange, type TrustedKeyRequest } from '@heng/schemas';
import type { Actor, CatalogContext } from './context.ts';
import { type TrustDoc, trustDocId } from './documents.ts';

function shown(doc: TrustDoc): TrustDoc {
  const { _rev: _r, _id: _i, ...rest } = doc;
  return rest;
}

/** Trusts a vendor key; trusting a key already trusted is a conflict. */
export async function addTrustedKey(
  ctx: CatalogContext,
  actor: Actor,
  body: TrustedKeyRequest,
): Promise<TrustDoc> {
  // Import checks it is a usable Ed25519 key and that a given `kid` is this key's id.
  await importPublicKey(body.publicKey, 'body /publicKey');
  const id = await keyId(body.publicKey as PublicKeyRecord);
  const existing = await ctx.hub.get<TrustDoc>(trustDocId(id));
  if (existing) throw new HengError('conflict', `key ${id} is already trusted`);
  const doc: TrustDoc = {
    type: 'trusted-key',
    keyId: id,
    publicKey: { kty: 'OKP', crv: 'Ed25519', x: body.publicKey.x, kid: id },
    addedAt: ctx.stamp(),
    addedBy: actor.id,
  };
  if (body.name) doc.name = body.name;
  await ctx.hub.put(trustDocId(id), doc);
  await ctx.record({
    actor: actor.audit,
    action: 'catalog.trust',
    target: `catalog/key/${id}`,
    outcome: 'ok',
    detail: { keyId: id, ...(body.name ? { name: body.name } : {}) },
  });
  return doc;
}

/** Every trusted key, by key id. */
export async function listTrustedKeys(ctx: CatalogContext): Promise<TrustDoc[]> {
  return (await ctx.hub.list<TrustDoc>(siteDocRange('trust').startkey)).map(shown);
}

/** The public keys publish verifies against. */
export async function trustedPublicKeys(ctx: CatalogContext): Promise<PublicKeyRecord[]> {
  return (await ctx.hub.list<TrustDoc>(siteDocRange('trust').startkey)).map((doc) => doc.publicKey);
}

/**
 * Stops trusting a key: new publishes and installs of its packages are refused. Sites keep the
 * copy they have, so plugins already running there go on; revoke a package to stop it.
 */
export async function removeTrustedKey(
  ctx: CatalogContext,
  actor: Actor,
  id: string,
): Promise<void> {
  const doc = await ctx.hub.get<TrustDoc>(trustDocId(id));
  if (!doc) throw new NotFoundError(`key ${id} is not trusted`);
  await ctx.hub.remove(doc._id, doc._rev);
  await ctx.record({
    actor: actor.audit,
    action: 'catalog.distrust',
    target: `catalog/key/${id}`,
    outcome: 'ok',
    detail: { keyId: id },
  });
}
