/** @module Loads a plugin folder for the harness: its manifest, and its sources bundled in memory. */
import { fileURLToPath } from 'node:url';
import { bundlePlugin } from '../../cli/build.ts';
import { readManifestFile } from '../../cli/plugin-dir.ts';

export async function loadPluginDir(
  dir: string | URL,
): Promise<{ manifest: unknown; bundle: string }> {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const { value } = await readManifestFile(path);
  const { code } = await bundlePlugin(path);
  return { manifest: value, bundle: code };
}
