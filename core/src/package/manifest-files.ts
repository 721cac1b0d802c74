/** @module Which files a manifest says its package holds: the bundle, assets and ui panels. */
import type { PluginManifest } from '@heng/schemas';

/** Where the bundle is when the manifest does not say. */
export const DEFAULT_ENTRY = 'dist/plugin.js';

/** A file the manifest names, and the JSON pointer of the place that names it. */
export interface ManifestFile {
  path: string;
  /** e.g. `/entry`, `/assets/2`, `/ui/panels/0/entry`. */
  pointer: string;
}

/** The bundle's path in the package: `manifest.entry`, or `dist/plugin.js`. */
export function entryOf(manifest: PluginManifest): string {
  return manifest.entry ?? DEFAULT_ENTRY;
}

/** Every file the manifest names, the bundle first. */
export function manifestFiles(manifest: PluginManifest): ManifestFile[] {
  const files: ManifestFile[] = [{ path: entryOf(manifest), pointer: '/entry' }];
  manifest.assets?.forEach((path, i) => {
    files.push({ path, pointer: `/assets/${i}` });
  });
  manifest.ui?.panels?.forEach((panel, i) => {
    files.push({ path: panel.entry, pointer: `/ui/panels/${i}/entry` });
  });
  return files;
}
