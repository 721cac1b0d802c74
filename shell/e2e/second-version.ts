/**
 * @module A second version of the street-lighting app for the upgrade test, made as a vendor
 * makes one: the plugin folder copied, its manifest's version raised and one permission widened,
 * then packed and signed with the demo city's vendor key by the `heng-plugin` CLI (a real process).
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLUGIN_DIR = path.join(ROOT, 'plugins', 'street-lighting');
const run = promisify(execFile);

/** What the test needs to know of the new version. */
export interface SecondVersion {
  id: string;
  version: string;
  /** The signed `.hpkg`. */
  bytes: Uint8Array;
  /** The point pattern the new version adds to its telemetry:read permission. */
  addedPoints: string;
}

interface ManifestJson {
  id: string;
  version: string;
  permissions: Array<{ capability: string; points?: string[] }>;
}

/** Runs `heng-plugin` on the Node that runs this test (the bin's shebang would pick the machine's). */
async function hengPlugin(args: string[]): Promise<void> {
  const cli = await realpath(path.join(ROOT, 'node_modules', '.bin', 'heng-plugin'));
  await run(process.execPath, [cli, ...args], { cwd: ROOT });
}

/**
 * Packs and signs street-lighting as `version`, reading one more point pattern than the
 * installed version, so that the upgrade needs the administrator's consent again.
 */
export async function makeSecondVersion(
  keyFile: string,
  version = '0.2.0',
): Promise<SecondVersion> {
  // Outside the workspace, so no test runner or workspace glob ever sees the copy. Its bundle is
  // the original's, which `npm install` builds (pack would fail to rebuild it here).
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-e2e-street-lighting-'));
  try {
    // Timestamps kept: the bundle stays newer than its sources, so pack does not rebuild it.
    await cp(PLUGIN_DIR, dir, {
      recursive: true,
      preserveTimestamps: true,
      filter: (src) => !src.includes(`${path.sep}node_modules`) && !src.endsWith('.hpkg'),
    });
    const file = path.join(dir, 'heng.plugin.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as ManifestJson;
    const addedPoints = '+/+/voltage';
    manifest.version = version;
    const read = manifest.permissions.find((p) => p.capability === 'telemetry:read');
    if (!read?.points) throw new Error('street-lighting no longer asks for telemetry:read');
    read.points.push(addedPoints);
    await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
    const out = path.join(dir, 'second.hpkg');
    await hengPlugin(['pack', dir, '--out', out]);
    await hengPlugin(['sign', out, '--key', keyFile]);
    return { id: manifest.id, version, bytes: new Uint8Array(await readFile(out)), addedPoints };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
