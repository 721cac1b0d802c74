/** @module Problems found in a plugin folder, and how the CLI prints them. */
import type { Issue, ManifestFinding } from '@heng/schemas';
import type { Output } from './output.ts';
import { MANIFEST_FILE } from './plugin-dir.ts';

/** One problem: where (`heng.plugin.json#/permissions/0/points`, or a file), what, and the fix. */
export interface Problem {
  severity: 'error' | 'warning';
  where: string;
  message: string;
  fix?: string;
}

/** Turns validation issues (JSON pointers into the manifest) into problems. */
export function manifestProblems(
  issues: readonly Issue[],
  severity: Problem['severity'],
): Problem[] {
  return issues.map((issue) => ({
    severity,
    where: `${MANIFEST_FILE}#${issue.path}`,
    message: issue.message,
    ...(issue.fix ? { fix: issue.fix } : {}),
  }));
}

/** Turns findings of the semantic pass into problems; a finding's fix says `--fix` repairs it. */
export function findingProblems(findings: readonly ManifestFinding[]): Problem[] {
  return findings.map((f) => ({
    severity: f.severity,
    where: `${MANIFEST_FILE}#${f.path}`,
    message: `${f.message} [${f.check}]`,
    ...(f.fixText ? { fix: `${f.fixText}${f.fix ? ' (heng-plugin validate --fix)' : ''}` } : {}),
  }));
}

/**
 * Prints problems one a line, `heng.plugin.json#/permissions/0/points: <reason>`, with the fix
 * below when one is known. Errors go to stderr, warnings to stdout.
 */
export function printProblems(out: Output, problems: readonly Problem[]): void {
  for (const p of problems) {
    const line = `${p.where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
    const fix = p.fix ? `  fix: ${p.fix}` : undefined;
    if (p.severity === 'error') {
      out.error(line);
      if (fix) out.error(fix);
    } else {
      out.info(line);
      if (fix) out.info(fix);
    }
  }
}
