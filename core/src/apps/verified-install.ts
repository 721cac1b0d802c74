/**
 * @module Installs the package an install record names, and only that one: the package's digest
 * must be the record's, its signature must verify with a key the hub trusts, and the plugin gets
 * the permissions the administrator consented to (not what its manifest asks for).
 */

import { HengError } from '@heng/schemas';
import type { PluginHost, PluginStatus } from '../lifecycle/index.ts';
import { type PublicKeyRecord, verifyPackage } from '../package/index.ts';
import type { AppInstallDoc, TrustDoc } from './documents.ts';

export interface VerifiedInstallInput {
  host: PluginHost;
  record: AppInstallDoc;
  bytes: Uint8Array;
  trust: readonly TrustDoc[];
}

/**
 * Verifies and installs (not activates). Throws `digest_mismatch` when the package is not the
 * one the record names, `untrusted_key`/`signature_invalid` from the signature check, and the
 * core's install errors (config, engine range, manifest).
 */
export async function installVerified({
  host,
  record,
  bytes,
  trust,
}: VerifiedInstallInput): Promise<PluginStatus> {
  const trustedKeys: PublicKeyRecord[] = trust.map((doc) => doc.publicKey);
  const verified = await verifyPackage(bytes, { trustedKeys });
  const { manifest } = verified;
  const wanted = record.plugin;
  if (manifest.digest !== wanted.digest) {
    throw new HengError(
      'digest_mismatch',
      `package for ${wanted.id}@${wanted.version} has digest ${manifest.digest}, but the install record names ${wanted.digest}`,
    );
  }
  if (manifest.id !== wanted.id || manifest.version !== wanted.version) {
    throw new HengError(
      'digest_mismatch',
      `package is ${manifest.id}@${manifest.version}, but the install record names ${wanted.id}@${wanted.version}`,
    );
  }
  // The grant is what was consented to at the hub; the core checks it like a manifest's own.
  return host.install({
    manifest: { ...manifest, permissions: record.permissions },
    bundle: verified.bundle,
    config: record.config,
  });
}
