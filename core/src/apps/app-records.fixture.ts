/**
 * @module Test fixture: a vendor, its signed packages of a small plugin, and the hub's records
 * that carry them to where apps run (install record, package, trusted key, revocation), built
 * with the core's own package tools.
 */
import {
  installDocId,
  PACKAGE_ATTACHMENT,
  type Permission,
  type PluginManifest,
  packageDocId,
  revocationDocId,
  trustDocId,
} from '@heng/schemas';
import {
  exportPublicKey,
  generateKeyPair,
  keyId,
  type PublicKeyRecord,
  packPlugin,
  readPackage,
  signPackage,
} from '../package/index.ts';
import type { AppInstallDoc } from './documents.ts';
import type { MemoryRecords } from './memory-records.fixture.ts';

export const SITE = 'lighting-01';
export const PLUGIN = 'com.example.lamps';

const VERSION_ROUTE: Permission = {
  capability: 'http:route',
  routes: [{ method: 'GET', path: '/version' }],
};

/** What the plugin's manifest asks for: every reading of the site, and its one route. */
export const REQUESTED: Permission[] = [
  { capability: 'telemetry:read', points: ['+/+/+'] },
  VERSION_ROUTE,
];

/** What the administrator consented to: the lamps' dimming only, and the route. */
export const CONSENTED: Permission[] = [
  { capability: 'telemetry:read', points: [`${SITE}/+/dimming`] },
  VERSION_ROUTE,
];

/**
 * The plugin: it answers `GET /version` with its version and its configured level, and throws
 * (a fault) when asked with `?crash=1`.
 */
const bundle = (version: string, build: string) =>
  `// build ${build}
  export default {
    activate() {},
    onRequest(req, { config }) {
      if (req.query.crash) throw new Error('crashed on request');
      return { body: '${version} at ' + config.level };
    },
  };\n`;

export interface Vendor {
  key: CryptoKeyPair;
  publicKey: PublicKeyRecord;
  keyId: string;
}

export async function vendor(): Promise<Vendor> {
  const key = await generateKeyPair();
  return {
    key,
    publicKey: await exportPublicKey(key.publicKey),
    keyId: await keyId(key.publicKey),
  };
}

function manifest(version: string): PluginManifest {
  return {
    id: PLUGIN,
    name: 'Lamps',
    version,
    vendor: { name: 'Example Lighting' },
    engines: { heng: '^0.1.0' },
    runsOn: ['edge', 'hub'],
    permissions: REQUESTED,
    config: {
      type: 'object',
      properties: { level: { type: 'integer', minimum: 0, maximum: 100 } },
      required: ['level'],
      additionalProperties: false,
    },
  };
}

export interface SignedPackage {
  bytes: Uint8Array;
  digest: string;
  version: string;
  by: Vendor;
}

/** The plugin at `version`, packed and signed by `by`; another `build` has another digest. */
export async function signedPackage(
  by: Vendor,
  version: string,
  build = 'release',
): Promise<SignedPackage> {
  const files = new Map([['dist/plugin.js', new TextEncoder().encode(bundle(version, build))]]);
  const bytes = await signPackage(
    await packPlugin({ manifest: manifest(version), files }),
    by.key.privateKey,
  );
  const { digest } = readPackage(bytes).manifest;
  if (!digest) throw new Error('packed manifest has no digest');
  return { bytes, digest, version, by };
}

/** `trust/<keyId>`: the hub trusts `by`. */
export function trustDoc(by: Vendor) {
  return {
    _id: trustDocId(by.keyId),
    type: 'trusted-key',
    keyId: by.keyId,
    publicKey: by.publicKey,
    addedAt: '2026-11-27T07:00:00Z',
    addedBy: 'admin',
  };
}

/** Publishes `pkg` as the hub does: `package/<id>@<version>` with the archive attached. */
export async function publish(
  records: MemoryRecords,
  pkg: SignedPackage,
  bytes = pkg.bytes,
): Promise<void> {
  await records.writeWithAttachment(
    {
      _id: packageDocId(PLUGIN, pkg.version),
      type: 'package',
      plugin: { id: PLUGIN, version: pkg.version, digest: pkg.digest },
      keyId: pkg.by.keyId,
    },
    PACKAGE_ATTACHMENT,
    bytes,
  );
}

/** `app-install/<id>`: run `pkg` here, with the consented grant. */
export function installDoc(
  pkg: Pick<SignedPackage, 'version' | 'digest'>,
  state: AppInstallDoc['state'],
  extra: Partial<Pick<AppInstallDoc, 'config' | 'permissions' | 'updatedAt' | 'site'>> = {},
): AppInstallDoc {
  return {
    _id: installDocId(PLUGIN),
    type: 'app-install',
    site: extra.site ?? SITE,
    plugin: { id: PLUGIN, version: pkg.version, digest: pkg.digest },
    permissions: extra.permissions ?? CONSENTED,
    config: extra.config ?? { level: 40 },
    state,
    consent: { by: 'admin', at: '2026-11-27T08:00:00Z' },
    updatedAt: extra.updatedAt ?? '2026-11-27T08:00:00Z',
  };
}

/** `revocation/<digest>`: `pkg` must never run again. */
export function revocationDoc(pkg: Pick<SignedPackage, 'version' | 'digest'>, reason: string) {
  return {
    _id: revocationDocId(pkg.digest),
    type: 'revocation',
    digest: pkg.digest,
    plugin: { id: PLUGIN, version: pkg.version },
    reason,
    at: '2026-11-27T09:00:00Z',
    by: 'admin',
  };
}
