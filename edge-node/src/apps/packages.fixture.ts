/** @module Test fixture: small signed plugin packages, and the hub's documents that carry them. */
import {
  exportPublicKey,
  generateKeyPair,
  keyId,
  PACKAGE_ATTACHMENT,
  type PublicKeyRecord,
  packageDocId,
  packPlugin,
  readPackage,
  signPackage,
} from '@heng/core';
import type { Permission, PluginManifest } from '@heng/schemas';
import { unzipSync, zipSync } from 'fflate';

export const PLUGIN = 'com.example.lamps';

export const PERMISSIONS: Permission[] = [
  { capability: 'telemetry:read', points: ['+/+/dimming'] },
];

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
    runsOn: ['edge'],
    permissions: PERMISSIONS,
    config: {
      type: 'object',
      properties: { level: { type: 'integer', minimum: 0, maximum: 100 } },
      additionalProperties: false,
    },
  };
}

/** A signed package of the sample plugin, and its digest. */
export async function signedPackage(
  by: Vendor,
  version: string,
): Promise<{ bytes: Uint8Array; digest: string }> {
  const files = new Map([
    ['dist/plugin.js', new TextEncoder().encode('export default { activate() {} };\n')],
  ]);
  const bytes = await signPackage(
    await packPlugin({ manifest: manifest(version), files }),
    by.key.privateKey,
  );
  const { digest } = readPackage(bytes).manifest;
  if (!digest) throw new Error('packed manifest has no digest');
  return { bytes, digest };
}

/** The package with its bundle changed after signing, as a tampered mirror would serve it. */
export function tamper(bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(bytes);
  entries['dist/plugin.js'] = new TextEncoder().encode(
    'export default { activate() { while (true) {} } };\n',
  );
  return zipSync(entries);
}

/** `trust/<keyId>` as the hub copies it into a site's control db (schema `trusted-key`). */
export function trustDoc(by: Vendor) {
  return {
    _id: `trust/${by.keyId}`,
    type: 'trusted-key',
    keyId: by.keyId,
    publicKey: by.publicKey,
    addedAt: '2026-11-27T07:00:00Z',
    addedBy: 'admin',
  };
}

export function packageDoc(version: string, digest: string, keyId: string, bytes: Uint8Array) {
  return {
    _id: packageDocId(PLUGIN, version),
    type: 'package',
    plugin: { id: PLUGIN, version, digest },
    keyId,
    _attachments: {
      [PACKAGE_ATTACHMENT]: { content_type: 'application/octet-stream', data: Buffer.from(bytes) },
    },
  };
}

export function installDoc(
  version: string,
  digest: string,
  state: 'active' | 'stopped' | 'uninstalled',
  extra: { config?: Record<string, unknown>; updatedAt?: string } = {},
) {
  return {
    _id: `app-install/${PLUGIN}`,
    type: 'app-install' as const,
    site: 'lighting-01',
    plugin: { id: PLUGIN, version, digest },
    permissions: PERMISSIONS,
    config: extra.config ?? { level: 40 },
    state,
    consent: { by: 'admin', at: '2026-11-27T08:00:00Z' },
    updatedAt: extra.updatedAt ?? new Date().toISOString(),
  };
}
