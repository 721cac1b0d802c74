/**
 * @module How every heng-plugin command talks: human lines on stdout, `error: <what> at
 * <where>` on stderr, and with `--json` one JSON document on stdout instead of the lines.
 */
import { HengError, type Issue } from '@heng/schemas';

/** Where a command writes. Tests pass one that records the lines. */
export interface Output {
  /** True when `--json` was given: {@link Output.result} prints, {@link Output.info} does not. */
  readonly json: boolean;
  /** A line for people (stdout); silent under `--json`. */
  info(line: string): void;
  /** A line on stderr, whatever the mode. */
  error(line: string): void;
  /** The machine-readable outcome (stdout under `--json`; nothing otherwise). */
  result(value: Record<string, unknown>): void;
}

/** An Output on process streams (or on the given writers). */
export function createOutput(
  json: boolean,
  write: { out(text: string): void; err(text: string): void } = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
): Output {
  return {
    json,
    info: (line) => {
      if (!json) write.out(`${line}\n`);
    },
    error: (line) => write.err(`${line}\n`),
    result: (value) => {
      if (json) write.out(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

/** A failure of a command: what went wrong and where (a file, a path in a file, an option). */
export class CliError extends HengError {
  readonly where: string;
  readonly what: string;

  constructor(
    code: HengError['code'],
    what: string,
    where: string,
    options: { cause?: unknown; issues?: Issue[] } = {},
  ) {
    super(code, `${what} at ${where}`, options);
    this.what = what;
    this.where = where;
  }
}

/**
 * Prints a failure as `error: <what> at <where>` (and as `{ ok: false, error }` under
 * `--json`) and returns exit status 1. `where` is used for errors that do not carry one.
 * A CliError's issues (problems in a file) are printed first, one a line.
 */
export function fail(out: Output, err: unknown, where: string): number {
  const what =
    err instanceof CliError ? err.what : err instanceof Error ? err.message : String(err);
  const at = err instanceof CliError ? err.where : where;
  const code = err instanceof HengError ? err.code : 'internal';
  const issues = err instanceof CliError ? (err.issues ?? []) : [];
  for (const issue of issues) {
    out.error(`${issue.path}: ${issue.message}`);
    if (issue.fix) out.error(`  fix: ${issue.fix}`);
  }
  out.error(`error: ${what} at ${at}`);
  out.result({
    ok: false,
    error: { code, message: what, where: at, ...(issues.length ? { issues } : {}) },
  });
  return 1;
}
