/**
 * @module The demo city's app vendor: a signing key made once (owner-only file), the key trusted
 * at the hub by the administrator, and the city's apps (street lighting, pumping incidents)
 * packed, signed and published to the catalog, exactly as a vendor would with `heng-plugin`.
 */
import { access, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PluginManifest } from '@heng/schemas';
import { packPluginDir, readPublicKeyFile, signPackageFile, writeKeyPair } from '@heng/sdk/cli';
import type { HubClient } from './hub-client.ts';

export interface PublishedApp {
  manifest: PluginManifest;
  digest: string;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Makes (once) the vendor key under `dir`, and has the hub trust it. */
export async function trustVendor(hub: HubClient, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stem = path.join(dir, 'demo-vendor');
  if (!(await exists(`${stem}.key.json`))) await writeKeyPair(stem);
  const publicKey = await readPublicKeyFile(`${stem}.pub.json`);
  await hub.call(
    'POST',
    '/api/catalog/keys',
    { publicKey, name: 'Demo city vendor key' },
    { accept: [409] },
  );
  return `${stem}.key.json`;
}

/** Packs, signs and publishes the plugin in `pluginDir`; an unchanged package is left as it is. */
export async function publishApp(
  hub: HubClient,
  pluginDir: string,
  keyFile: string,
  outDir: string,
): Promise<PublishedApp> {
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, `${path.basename(pluginDir)}.hpkg`);
  const packed = await packPluginDir(pluginDir, { out });
  const facts = await signPackageFile(packed.file, keyFile);
  const bytes = new Uint8Array(await readFile(facts.file));
  const manifest = JSON.parse(
    await readFile(path.join(pluginDir, 'heng.plugin.json'), 'utf8'),
  ) as PluginManifest;
  // 409: this version is in the catalog already, from an earlier start; the catalog keeps it.
  await hub.call('POST', '/api/catalog/packages', undefined, { bytes, accept: [409] });
  return { manifest, digest: facts.digest };
}

/**
 * Installs a published app at `places` (sites, or `hub`) with the administrator's consent to
 * exactly its permissions; one already installed there is kept. Says which happened.
 */
export async function installApp(
  hub: HubClient,
  app: PublishedApp,
  places: string[],
  config: Record<string, unknown> = {},
): Promise<'installed' | 'kept'> {
  const reply = await hub.call<{ error?: unknown }>(
    'POST',
    '/api/installs',
    {
      sites: places,
      plugin: { id: app.manifest.id, version: app.manifest.version },
      config,
      consent: { permissions: app.manifest.permissions },
    },
    { accept: [409] },
  );
  return reply.error ? 'kept' : 'installed';
}
