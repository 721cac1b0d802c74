/**
 * @module The manifest's two passes: structure (schema) and meaning (checks), with safe fixes.
 */
import type { Limits, PluginManifest } from '../../generated/types.ts';
import { type Issue, ManifestError } from '../errors.ts';
import { issuesFor } from '../validators/documents.ts';
import { MANIFEST_CHECKS } from './checks/index.ts';
import { PLATFORM_CEILINGS } from './limits.ts';
import type { CheckContext, ManifestCheck, ManifestFinding } from './types.ts';

/** Options of the semantic pass. */
export interface CheckOptions {
  /** Lower ceilings of this deployment; never raised above PLATFORM_CEILINGS. */
  ceilings?: Limits;
  /** The checks to run; all of MANIFEST_CHECKS by default. */
  checks?: readonly ManifestCheck[];
}

/** The result of the semantic pass. */
export interface CheckResult {
  errors: ManifestFinding[];
  warnings: ManifestFinding[];
}

function contextOf(options: CheckOptions): CheckContext {
  const ceilings = { ...PLATFORM_CEILINGS };
  for (const [name, value] of Object.entries(options.ceilings ?? {}) as Array<
    [keyof Limits, number]
  >) {
    ceilings[name] = Math.min(ceilings[name], value);
  }
  return { ceilings };
}

function runAll(
  manifest: PluginManifest,
  options: CheckOptions,
  tolerant: boolean,
): ManifestFinding[] {
  const context = contextOf(options);
  const findings: ManifestFinding[] = [];
  for (const check of options.checks ?? MANIFEST_CHECKS) {
    let found: ReturnType<ManifestCheck['check']>;
    try {
      found = check.check(manifest, context);
    } catch (err) {
      // On a manifest that failed the structure pass a check may meet shapes it does not
      // expect; the structure pass already reports those, so the check is skipped.
      if (tolerant) continue;
      throw err;
    }
    for (const finding of found)
      findings.push({ ...finding, check: check.id, severity: check.severity });
  }
  return findings;
}

/**
 * The semantic pass over a manifest that passed the schema: duplicate grants, wildcards in
 * the wrong place, hosts on the LAN, limits above the ceilings, and the rest of
 * MANIFEST_CHECKS. Findings with a `fix` can be applied by `fixManifest`.
 *
 * @example
 * const { errors, warnings } = checkManifest(assertPluginManifest(json));
 */
export function checkManifest(manifest: PluginManifest, options: CheckOptions = {}): CheckResult {
  const findings = runAll(manifest, options, false);
  return {
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
  };
}

/**
 * Applies every safe fix (merging duplicate permissions, removing repeated entries,
 * clamping limits, normalizing the version) to a copy of the manifest, until none is left.
 * It accepts a manifest that fails the schema too, since some fixes repair exactly that.
 * Returns the copy and a line for each fix applied, as `heng-plugin validate --fix` shows it.
 */
export function fixManifest(
  manifest: unknown,
  options: CheckOptions = {},
): { manifest: PluginManifest; applied: string[] } {
  const copy = structuredClone(manifest) as PluginManifest;
  const applied: string[] = [];
  if (copy === null || typeof copy !== 'object') return { manifest: copy, applied };
  // One fix at a time, then look again: a fix can move or remove what other findings
  // point at (merging permissions shifts their indices).
  for (let round = 0; round < 1000; round++) {
    const next = runAll(copy, options, true).find((f) => f.fix);
    if (!next?.fix) break;
    next.fix(copy);
    applied.push(`${next.path}: ${next.fixText ?? 'fixed'} (${next.check})`);
  }
  return { manifest: copy, applied };
}

function issueOf(finding: ManifestFinding): Issue {
  const issue: Issue = { path: finding.path, message: `${finding.message} [${finding.check}]` };
  if (finding.fixText) issue.fix = finding.fixText;
  return issue;
}

/**
 * Both passes: throws a ManifestError listing the structural issues (each with the fix that
 * `fixManifest` would apply, where one is known), or else the semantic errors; returns the
 * typed manifest and the warnings.
 */
export function validateManifest(
  value: unknown,
  where?: string,
  options: CheckOptions = {},
): { manifest: PluginManifest; warnings: ManifestFinding[] } {
  const structural = issuesFor('manifest', value);
  if (structural.length > 0) {
    const fixes =
      value !== null && typeof value === 'object'
        ? runAll(structuredClone(value) as PluginManifest, options, true)
        : [];
    for (const issue of structural) {
      const fix = fixes.find((f) => f.fixText && f.path === issue.path);
      if (fix?.fixText) issue.fix = `${fix.fixText} (heng-plugin validate --fix)`;
    }
    throw new ManifestError(structural, where);
  }
  const manifest = value as PluginManifest;
  const { errors, warnings } = checkManifest(manifest, options);
  if (errors.length > 0) throw new ManifestError(errors.map(issueOf), where);
  return { manifest, warnings };
}
