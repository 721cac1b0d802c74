/**
 * @module The file checks of `validate`: the source, the ui panel pages and the assets the
 * manifest names exist in the plugin folder.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginManifest } from '@heng/schemas';
import { MANIFEST_FILE, SOURCE_ENTRY } from './plugin-dir.ts';
import type { Problem } from './problems.ts';

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** Problems with the files a plugin folder must hold; empty when all are there. */
export async function checkPluginFiles(dir: string, manifest: PluginManifest): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (!(await isFile(join(dir, SOURCE_ENTRY)))) {
    problems.push({
      severity: 'error',
      where: SOURCE_ENTRY,
      message: `the plugin's source is missing (build bundles it into ${manifest.entry ?? 'dist/plugin.js'})`,
      fix: `create ${SOURCE_ENTRY} with \`export default definePlugin({ … })\` from '@heng/sdk'`,
    });
  }
  for (const [i, panel] of (manifest.ui?.panels ?? []).entries()) {
    if (!(await isFile(join(dir, panel.entry)))) {
      problems.push({
        severity: 'error',
        where: `${MANIFEST_FILE}#/ui/panels/${i}/entry`,
        message: `the panel page "${panel.entry}" does not exist`,
      });
    }
  }
  for (const [i, asset] of (manifest.assets ?? []).entries()) {
    if (!(await isFile(join(dir, asset)))) {
      problems.push({
        severity: 'error',
        where: `${MANIFEST_FILE}#/assets/${i}`,
        message: `the asset "${asset}" does not exist`,
      });
    }
  }
  return problems;
}
