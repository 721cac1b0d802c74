/**
 * @module `heng-plugin validate DIR [--fix]`: the manifest's structure (schema), then its
 * meaning (semantic checks), then the files it names; `--fix` applies the safe repairs.
 */
import { writeFile } from 'node:fs/promises';
import {
  checkManifest,
  fixManifest,
  type Issue,
  isManifest,
  ManifestError,
  type PluginManifest,
  validateManifest,
} from '@heng/schemas';
import { fail, type Output } from './output.ts';
import { readManifestFile, shown } from './plugin-dir.ts';
import { checkPluginFiles } from './plugin-files.ts';
import { findingProblems, manifestProblems, type Problem, printProblems } from './problems.ts';

/** What `validate` found. */
export interface ValidateResult {
  /** No errors (warnings allowed). */
  ok: boolean;
  problems: Problem[];
  /** The repairs `--fix` applied and wrote back, in words. */
  fixed: string[];
  /** The manifest as written (after fixes), when it passed the structure check. */
  manifest?: PluginManifest;
  /** The manifest JSON exactly as in the file (after fixes): what a package holds. */
  manifestJson: unknown;
}

/** The structure pass's issues, each with the `--fix` repair when one is known. */
function structuralIssues(value: unknown): Issue[] {
  try {
    validateManifest(value);
  } catch (err) {
    if (err instanceof ManifestError) return err.issues ?? [];
    throw err;
  }
  return [];
}

/**
 * Validates a plugin folder. With `fix`, applies the safe repairs first and rewrites
 * `heng.plugin.json` (2-space JSON) when any applied.
 * @throws CliError when the manifest file is missing or not JSON.
 */
export async function validatePlugin(
  dir: string,
  options: { fix?: boolean } = {},
): Promise<ValidateResult> {
  const file = await readManifestFile(dir);
  let manifestJson = file.value;
  let fixed: string[] = [];
  if (options.fix) {
    const repaired = fixManifest(manifestJson);
    if (repaired.applied.length > 0) {
      manifestJson = repaired.manifest;
      fixed = repaired.applied;
      await writeFile(file.path, `${JSON.stringify(manifestJson, null, 2)}\n`);
    }
  }
  // A copy: validation may fill in defaults, and the package keeps the manifest as written.
  const candidate = structuredClone(manifestJson);
  if (!isManifest(candidate)) {
    return {
      ok: false,
      problems: manifestProblems(structuralIssues(candidate), 'error'),
      fixed,
      manifestJson,
    };
  }
  const manifest = candidate;
  const meaning = checkManifest(manifest);
  const problems = [
    ...findingProblems(meaning.errors),
    ...findingProblems(meaning.warnings),
    ...(await checkPluginFiles(dir, manifest)),
  ];
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, problems, fixed, manifest, manifestJson };
}

/** Prints a validation result; shared by `validate` and `pack`. Returns its exit status. */
export function reportValidation(out: Output, dir: string, result: ValidateResult): number {
  for (const repair of result.fixed) out.info(`fixed: ${repair}`);
  printProblems(out, result.problems);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    out.error(`error: ${errors} problem${errors === 1 ? '' : 's'} to fix at ${shown(dir)}`);
    return 1;
  }
  return 0;
}

/** The `validate` command: exit status 1 when there are errors. */
export async function runValidate(
  dir: string,
  options: { fix?: boolean },
  out: Output,
): Promise<number> {
  try {
    const result = await validatePlugin(dir, options);
    const status = reportValidation(out, dir, result);
    if (status === 0)
      out.info(`${shown(dir)}: ${result.manifest?.id}@${result.manifest?.version} is valid`);
    out.result({ ok: result.ok, problems: result.problems, fixed: result.fixed });
    return status;
  } catch (err) {
    return fail(out, err, shown(dir));
  }
}
