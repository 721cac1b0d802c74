/** @module The layout of a plugin folder and how the CLI reads its manifest. */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CliError } from './output.ts';

/** The manifest's file name in a plugin folder (and in a package). */
export const MANIFEST_FILE = 'heng.plugin.json';
/** The source the build bundles: the plugin's `export default definePlugin(…)`. */
export const SOURCE_ENTRY = 'src/plugin.ts';
/** Where the bundle goes when the manifest has no `entry`. */
export const DEFAULT_ENTRY = 'dist/plugin.js';

/** A path for messages: relative to the working directory when that is shorter. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

/** The parsed `heng.plugin.json` of a plugin folder, not yet validated. */
export interface ManifestFile {
  path: string;
  value: unknown;
}

/**
 * Reads and parses `DIR/heng.plugin.json`.
 * @throws CliError naming the file when it is missing or not JSON.
 */
export async function readManifestFile(dir: string): Promise<ManifestFile> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(
      'invalid_manifest',
      `cannot read the manifest (${(err as Error).message})`,
      shown(path),
      {
        cause: err,
      },
    );
  }
  try {
    return { path, value: JSON.parse(text) };
  } catch (err) {
    throw new CliError(
      'invalid_manifest',
      `not valid JSON: ${(err as Error).message}`,
      shown(path),
      {
        cause: err,
      },
    );
  }
}

/** `manifest.entry` of an unvalidated manifest, or the default. */
export function entryPath(manifest: unknown): string {
  const entry = (manifest as { entry?: unknown } | null)?.entry;
  return typeof entry === 'string' ? entry : DEFAULT_ENTRY;
}
