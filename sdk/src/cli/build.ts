/**
 * @module `heng-plugin build DIR`: bundles `src/plugin.ts` into the one ES module the sandbox
 * runs, with `@heng/sdk` inlined and Node built-ins refused (plugins have no Node).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { CliError, fail, type Output } from './output.ts';
import { entryPath, readManifestFile, SOURCE_ENTRY, shown } from './plugin-dir.ts';

/** This SDK's own plugin-facing entry: what `@heng/sdk` means inside every bundle. */
const SDK_ENTRY = fileURLToPath(new URL('../index.ts', import.meta.url));

const NODE_BUILTINS = new Set(builtinModules);

/** Keeps bundles to what the sandbox offers, and pins `@heng/sdk` to this SDK. */
const sandboxImports: Plugin = {
  name: 'heng-sandbox-imports',
  setup(b) {
    b.onResolve({ filter: /^@heng\/sdk(\/.*)?$/ }, (args) => {
      // A namespace of its own keeps this machine's paths out of the bundle's comments,
      // so the same sources give the same bundle (and package digest) everywhere.
      if (args.path === '@heng/sdk') return { path: '@heng/sdk', namespace: 'heng-sdk' };
      return {
        errors: [
          { text: `"${args.path}" is not for plugin code: a bundle may import "@heng/sdk" only` },
        ],
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'heng-sdk' }, async () => ({
      contents: await readFile(SDK_ENTRY, 'utf8'),
      loader: 'ts',
      resolveDir: dirname(SDK_ENTRY),
    }));
    b.onResolve({ filter: /^[a-z_][^/]*(\/.*)?$|^node:/ }, (args) => {
      const name = args.path.replace(/^node:/, '').split('/')[0] ?? '';
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(name)) return undefined;
      return {
        errors: [
          {
            text: `"${args.path}" is a Node built-in, and plugins run in Heng's sandbox, which has no Node: use the heng API (storage, fetch, log) instead`,
          },
        ],
      };
    });
  },
};

/** A bundle in memory. */
export interface Bundle {
  /** The bundle's path in the plugin folder (manifest.entry). */
  entry: string;
  code: string;
}

const locate = (m: Message, dir: string): string =>
  m.location
    ? `${shown(resolve(dir, m.location.file))}:${m.location.line}:${m.location.column + 1}`
    : shown(dir);

/**
 * Bundles a plugin folder's `src/plugin.ts` without writing it: one ES2023 module for a
 * neutral platform, everything inlined. Also what the testing harness can build with.
 * @throws CliError (`bundle_invalid`) for the first build error, at its file:line:column;
 * every error is in `errors` of the thrown error's `cause`.
 */
export async function bundlePlugin(
  dir: string,
  options: { minify?: boolean } = {},
): Promise<Bundle> {
  const { value } = await readManifestFile(dir);
  const entry = entryPath(value);
  try {
    const result = await build({
      absWorkingDir: resolve(dir),
      entryPoints: [join(resolve(dir), SOURCE_ENTRY)],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2023',
      mainFields: ['module', 'main'],
      minify: options.minify ?? false,
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
      charset: 'utf8',
      plugins: [sandboxImports],
    });
    const out = result.outputFiles[0];
    if (!out) throw new CliError('bundle_invalid', 'esbuild wrote no output', shown(dir));
    return { entry, code: out.text };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    const first = errors?.[0];
    if (!first) throw err;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new CliError('bundle_invalid', `${first.text}${more}`, locate(first, dir), {
      cause: err,
    });
  }
}

/** Bundles and writes `DIR/<manifest.entry>`; returns its path and size in bytes. */
export async function buildPlugin(
  dir: string,
  options: { minify?: boolean } = {},
): Promise<{ path: string; bytes: number }> {
  const bundle = await bundlePlugin(dir, options);
  const path = join(dir, bundle.entry);
  const bytes = new TextEncoder().encode(bundle.code);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return { path, bytes: bytes.length };
}

/** "1.2 KiB". */
export function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The `build` command. */
export async function runBuild(
  dir: string,
  options: { minify?: boolean },
  out: Output,
): Promise<number> {
  try {
    const { path, bytes } = await buildPlugin(dir, options);
    out.info(`built ${shown(path)} (${sizeText(bytes)})`);
    out.result({ ok: true, bundle: path, bytes });
    return 0;
  } catch (err) {
    const errors = ((err as { cause?: { errors?: Message[] } }).cause?.errors ?? []).slice(1);
    const status = fail(out, err, shown(dir));
    for (const m of errors) out.error(`error: ${m.text} at ${locate(m, dir)}`);
    return status;
  }
}
