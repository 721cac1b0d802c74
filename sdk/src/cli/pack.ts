/**
 * @module `heng-plugin pack DIR [--out FILE]`: validates, builds when the bundle is missing or
 * older than the sources, and writes the unsigned package `<id>-<version>.hpkg`.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestFiles, type PackageSignature, packPlugin, readPackage } from '@heng/core';
import type { PluginManifest } from '@heng/schemas';
import { buildPlugin, sizeText } from './build.ts';
import { CliError, fail, type Output } from './output.ts';
import { shown } from './plugin-dir.ts';
import { validatePlugin } from './validate.ts';

/** What `pack` made. */
export interface PackResult {
  file: string;
  id: string;
  version: string;
  digest: string;
  bytes: number;
  /** Whether the bundle was (re)built first. */
  built: boolean;
}

async function mtime(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.mtimeMs;
}

async function newestSource(dir: string): Promise<number> {
  const entries = await readdir(join(dir, 'src'), { recursive: true, withFileTypes: true });
  let newest = 0;
  for (const e of entries) {
    if (e.isFile()) newest = Math.max(newest, (await mtime(join(e.parentPath, e.name))) ?? 0);
  }
  return newest;
}

/** The manifest's id, version and digest as packed, plus the signer when there is one. */
export function describePackage(bytes: Uint8Array): {
  manifest: PluginManifest;
  signature?: PackageSignature;
} {
  const { manifest, signature } = readPackage(bytes);
  return signature ? { manifest, signature } : { manifest };
}

/**
 * Packs a plugin folder: validates it, builds it when the bundle is missing or older than
 * anything in `src/`, and writes the unsigned package.
 * @throws CliError (`invalid_manifest`) listing the problems as issues when the plugin does
 * not validate; nothing is written then.
 */
export async function packPluginDir(
  dir: string,
  options: { out?: string } = {},
): Promise<PackResult> {
  const validation = await validatePlugin(dir);
  const errors = validation.problems.filter((p) => p.severity === 'error');
  if (!validation.ok || !validation.manifest) {
    const issues = errors.map((p) => ({
      path: p.where,
      message: p.message,
      ...(p.fix ? { fix: p.fix } : {}),
    }));
    const what = `the plugin does not validate (${issues.length} problem${issues.length === 1 ? '' : 's'})`;
    throw new CliError('invalid_manifest', what, shown(dir), { issues });
  }
  const manifest = validation.manifest;
  const files = new Map<string, Uint8Array>();
  const named = manifestFiles(manifest);
  const bundle = join(dir, named[0]!.path);
  const bundleTime = await mtime(bundle);
  const built = bundleTime === undefined || bundleTime < (await newestSource(dir));
  if (built) await buildPlugin(dir);
  for (const { path, pointer } of named) {
    try {
      files.set(path, new Uint8Array(await readFile(join(dir, path))));
    } catch (err) {
      throw new CliError(
        'invalid_package',
        `cannot read "${path}", named at heng.plugin.json#${pointer}`,
        shown(join(dir, path)),
        { cause: err },
      );
    }
  }
  // The manifest as the vendor wrote it: validation may have filled in defaults.
  const bytes = await packPlugin({ manifest: validation.manifestJson as PluginManifest, files });
  const file = options.out ?? join(dir, `${manifest.id}-${manifest.version}.hpkg`);
  await writeFile(file, bytes);
  const digest = describePackage(bytes).manifest.digest ?? '';
  return { file, id: manifest.id, version: manifest.version, digest, bytes: bytes.length, built };
}

/** The `pack` command. */
export async function runPack(
  dir: string,
  options: { out?: string },
  out: Output,
): Promise<number> {
  try {
    const result = await packPluginDir(dir, options);
    if (result.built) out.info(`built the bundle first: it was missing or older than src/`);
    out.info(
      `packed ${result.id}@${result.version} into ${shown(result.file)} (${sizeText(result.bytes)})`,
    );
    out.info(`digest ${result.digest}`);
    out.result({ ok: true, ...result });
    return 0;
  } catch (err) {
    return fail(out, err, shown(dir));
  }
}
