/**
 * @module The one error family of Heng: every failure has a stable `code`, a message that
 * says what is wrong and where, and survives the sandbox and HTTP boundaries via `toJSON()`.
 */

/** Stable error codes. The HTTP layer maps them to statuses in one place (`httpStatusOf`). */
export type HengErrorCode =
  | 'invalid_input'
  | 'invalid_manifest'
  | 'invalid_config'
  | 'invalid_package'
  | 'digest_mismatch'
  | 'signature_invalid'
  | 'untrusted_key'
  | 'engine_unsatisfied'
  | 'duplicate_plugin'
  | 'not_found'
  | 'permission_denied'
  | 'rate_limited'
  | 'plugin_crashed'
  | 'deadline_exceeded'
  | 'memory_exceeded'
  | 'result_too_large'
  | 'reentrant_call'
  | 'bundle_invalid'
  | 'plugin_unavailable'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'conflict'
  | 'consent_required'
  | 'package_revoked'
  | 'store_unavailable'
  | 'internal';

/** One problem found while validating, at a JSON path (`/permissions/0/points`). */
export interface Issue {
  path: string;
  message: string;
  /** What would repair it, when a repair is known. */
  fix?: string;
}

export interface HengErrorJSON {
  name: string;
  code: HengErrorCode;
  message: string;
  issues?: Issue[];
  cause?: HengErrorJSON | { message: string };
}

export interface HengErrorOptions {
  cause?: unknown;
  issues?: Issue[];
}

/** Base of every Heng error. */
export class HengError extends Error {
  readonly code: HengErrorCode;
  readonly issues: Issue[] | undefined;

  constructor(code: HengErrorCode, message: string, options: HengErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.issues = options.issues;
  }

  toJSON(): HengErrorJSON {
    const json: HengErrorJSON = { name: this.name, code: this.code, message: this.message };
    if (this.issues) json.issues = this.issues;
    if (this.cause instanceof HengError) json.cause = this.cause.toJSON();
    else if (this.cause instanceof Error) json.cause = { message: this.cause.message };
    return json;
  }

  /** Rebuilds an error that crossed a boundary as JSON. */
  static fromJSON(json: HengErrorJSON): HengError {
    return new HengError(json.code, json.message, { issues: json.issues });
  }
}

function issuesText(issues: Issue[]): string {
  return issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; ');
}

/** Input from outside (an API body, a file, a reply) does not match its schema. */
export class ValidationError extends HengError {
  constructor(what: string, issues: Issue[], code: HengErrorCode = 'invalid_input') {
    super(code, `invalid ${what}: ${issuesText(issues)}`, { issues });
  }
}

/** A plugin manifest is malformed or breaks a rule; `where` names the file, e.g. a package path. */
export class ManifestError extends ValidationError {
  constructor(issues: Issue[], where?: string) {
    super(where ? `manifest in ${where}` : 'manifest', issues, 'invalid_manifest');
  }
}

export class ConfigError extends ValidationError {
  constructor(pluginId: string, issues: Issue[]) {
    super(`config for ${pluginId}`, issues, 'invalid_config');
  }
}

export class PackageError extends HengError {}

export class PermissionDeniedError extends HengError {
  constructor(message: string) {
    super('permission_denied', message);
  }
}

export class RateLimitedError extends HengError {
  constructor(message: string) {
    super('rate_limited', message);
  }
}

export class NotFoundError extends HengError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** A plugin misbehaved: threw, ran past its deadline, ran out of memory, or returned too much. */
export class PluginFaultError extends HengError {}

/** HTTP status for an error code: the one place that mapping lives. */
export function httpStatusOf(code: HengErrorCode): number {
  switch (code) {
    case 'invalid_input':
    case 'invalid_manifest':
    case 'invalid_config':
    case 'invalid_package':
    case 'bundle_invalid':
    case 'engine_unsatisfied':
      return 400;
    case 'digest_mismatch':
    case 'signature_invalid':
    case 'untrusted_key':
    case 'package_revoked':
      return 422;
    case 'unauthenticated':
      return 401;
    case 'permission_denied':
      return 403;
    case 'not_found':
      return 404;
    case 'duplicate_plugin':
    case 'conflict':
    case 'consent_required':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'plugin_unavailable':
    case 'store_unavailable':
      return 503;
    case 'plugin_crashed':
    case 'deadline_exceeded':
    case 'memory_exceeded':
    case 'result_too_large':
    case 'reentrant_call':
      return 502;
    case 'internal':
      return 500;
  }
}

/**
 * How the audit log calls an act that did not succeed: `refused` when the caller was told no
 * (every 4xx: bad input, no right, a conflict, a rate limit), `failed` when the platform could
 * not do it (5xx). One rule, so the log never disagrees with the status the caller got.
 */
export function outcomeOf(code: HengErrorCode): 'refused' | 'failed' {
  return httpStatusOf(code) < 500 ? 'refused' : 'failed';
}

/** Turns anything thrown into a HengError without losing its message. */
export function toHengError(err: unknown, code: HengErrorCode = 'internal'): HengError {
  if (err instanceof HengError) return err;
  if (err instanceof Error) return new HengError(code, err.message, { cause: err });
  return new HengError(code, String(err));
}
