/**
 * @module The hub's records in the control database, read and checked against their schemas
 * before a runner acts on them. A record that fails its schema is never acted on: the runner
 * refuses it with an `invalid_input` error naming the document and the JSON path.
 */
import {
  assertDocument,
  HengError,
  revocationDocId,
  type SchemaTypes,
  siteDocRange,
  trustDocId,
} from '@heng/schemas';
import {
  type AppInstallDoc,
  installDocId,
  type PackageDoc,
  packageDocId,
  type RevocationDoc,
  type TrustDoc,
} from './documents.ts';
import type { AppRecords } from './records.ts';

type HubRecord = 'app-install' | 'package' | 'trusted-key' | 'revocation';

/** The document as its schema types it; `invalid_input` naming `id` and the path when it is not. */
function checked<N extends HubRecord>(name: N, doc: unknown, id: string): SchemaTypes[N] {
  return assertDocument(name, doc, id);
}

/** The install record of `pluginId`, checked; undefined when there is none. */
export async function readInstall(
  control: AppRecords,
  pluginId: string,
  site: string,
): Promise<AppInstallDoc | undefined> {
  const id = installDocId(pluginId);
  const doc = await control.get<AppInstallDoc>(id);
  if (!doc) return undefined;
  checked('app-install', doc, id);
  if (doc.plugin.id !== pluginId)
    throw new HengError(
      'invalid_input',
      `invalid app install record in ${id}: /plugin/id: names ${doc.plugin.id}, not ${pluginId}`,
    );
  if (doc.site !== site)
    throw new HengError(
      'invalid_input',
      `invalid app install record in ${id}: /site: names site ${doc.site}, not this site (${site})`,
    );
  return doc;
}

/**
 * The revocation of `digest`, if there is one. A revocation is a stop signal, so one that fails
 * its schema still stops the package (the id names the digest); `malformed` says why it is odd.
 */
export async function readRevocation(
  control: AppRecords,
  digest: string,
): Promise<{ doc: Partial<RevocationDoc> & { _id: string }; malformed?: string } | undefined> {
  const id = revocationDocId(digest);
  const doc = await control.get<RevocationDoc>(id);
  if (!doc) return undefined;
  try {
    checked('revocation', doc, id);
    return { doc };
  } catch (error) {
    return { doc, malformed: (error as Error).message };
  }
}

/**
 * The package document the install record names, checked, and checked to be that package:
 * undefined while it has not arrived.
 */
export async function readPackage(
  control: AppRecords,
  record: AppInstallDoc,
): Promise<PackageDoc | undefined> {
  const { id: pluginId, version, digest } = record.plugin;
  const id = packageDocId(pluginId, version);
  const doc = await control.get<PackageDoc>(id);
  if (!doc) return undefined;
  checked('package', doc, id);
  if (doc.plugin.id !== pluginId || doc.plugin.version !== version)
    throw new HengError(
      'invalid_input',
      `invalid package record in ${id}: /plugin: is ${doc.plugin.id}@${doc.plugin.version}`,
    );
  if (doc.plugin.digest !== digest)
    throw new HengError(
      'digest_mismatch',
      `package record ${id} has digest ${doc.plugin.digest}, but the install record names ${digest}`,
    );
  return doc;
}

/**
 * The trusted keys that pass their schema. The signer's own record must pass, or the package is
 * refused naming what is wrong with it (rather than a bare `untrusted_key`).
 */
export async function trustedKeys(control: AppRecords, signer: string): Promise<TrustDoc[]> {
  const keys: TrustDoc[] = [];
  for (const doc of await control.allWithPrefix<TrustDoc>(siteDocRange('trust').startkey)) {
    try {
      checked('trusted-key', doc, doc._id);
      if (doc._id !== trustDocId(doc.keyId))
        throw new HengError(
          'invalid_input',
          `invalid trusted key record in ${doc._id}: /keyId: is ${doc.keyId}, not the id's`,
        );
      keys.push(doc);
    } catch (error) {
      if (doc._id === trustDocId(signer)) throw error;
      // Another vendor's key: not trusted here, and not this package's business.
    }
  }
  return keys;
}
