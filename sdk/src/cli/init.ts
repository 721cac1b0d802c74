/**
 * @module `heng-plugin init DIR --id ID`: scaffolds a plugin folder that validates, builds and
 * passes its tests as it stands.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertManifest, ManifestError } from '@heng/schemas';
import { CliError, fail, type Output } from './output.ts';
import { shown } from './plugin-dir.ts';
import { type ScaffoldOptions, scaffoldFiles, scaffoldManifest } from './scaffold-files.ts';

/** Options of `init`, as given on the command line. */
export interface InitOptions {
  id: string;
  name?: string;
  vendor?: string;
  /** `edge`, `hub` or `edge,hub`. */
  runsOn?: string;
}

/** "air-quality" → "Air quality". */
function titleOf(segment: string): string {
  const words = segment.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Where in the command line a manifest field came from. */
const OPTION_OF: Record<string, string> = {
  '/id': '--id',
  '/name': '--name',
  '/vendor/name': '--vendor',
  '/runsOn': '--runs-on',
};

function resolveOptions(options: InitOptions): ScaffoldOptions {
  const segments = options.id.split('.');
  const runsOn = (options.runsOn ?? 'edge').split(',').map((s) => s.trim());
  for (const place of runsOn) {
    if (place !== 'edge' && place !== 'hub') {
      throw new CliError(
        'invalid_input',
        `"${place}" is not a place to run (use edge, hub or edge,hub)`,
        '--runs-on',
      );
    }
  }
  const resolved: ScaffoldOptions = {
    id: options.id,
    name: options.name ?? titleOf(segments.at(-1) ?? options.id),
    vendor: options.vendor ?? titleOf(segments[1] ?? segments[0] ?? options.id),
    runsOn: [...new Set(runsOn)] as ScaffoldOptions['runsOn'],
  };
  try {
    assertManifest(scaffoldManifest(resolved));
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    const issue = err.issues?.[0];
    const option = Object.entries(OPTION_OF).find(([path]) => issue?.path.startsWith(path))?.[1];
    const what = option === '--id' ? `invalid plugin id "${options.id}"` : 'invalid value';
    throw new CliError(
      'invalid_input',
      `${what}: ${issue?.message ?? err.message}`,
      option ?? '--id',
    );
  }
  return resolved;
}

/**
 * Writes a new plugin into `dir` (created if needed).
 * @returns the files written, relative to `dir`.
 * @throws CliError when `dir` is not empty or an option is invalid (nothing is written then).
 */
export async function initPlugin(dir: string, options: InitOptions): Promise<string[]> {
  const resolved = resolveOptions(options);
  const existing = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw new CliError('invalid_input', `cannot use the directory (${err.message})`, shown(dir));
  });
  if (existing.length > 0) {
    throw new CliError(
      'invalid_input',
      'the directory is not empty; init only writes into a new or empty one',
      shown(dir),
    );
  }
  const files = scaffoldFiles(resolved);
  for (const [path, text] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, { flag: 'wx' });
  }
  return [...files.keys()];
}

/** The `init` command: exit status 0 when the plugin was written. */
export async function runInit(dir: string, options: InitOptions, out: Output): Promise<number> {
  try {
    const files = await initPlugin(dir, options);
    out.info(`created ${options.id} in ${shown(dir)}: ${files.join(', ')}`);
    out.info(`next: cd ${shown(dir)} && npm install && npm test`);
    out.result({ ok: true, dir, id: options.id, files });
    return 0;
  } catch (err) {
    return fail(out, err, shown(dir));
  }
}
