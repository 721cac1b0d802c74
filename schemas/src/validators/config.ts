/**
 * @module Validating a plugin's settings against the settings schema in its own manifest.
 */
import type { ValidateFunction } from 'ajv';
import { type Issue, ManifestError, ValidationError } from '../errors.ts';
import { type Ajv, createAjv } from './ajv.ts';
import { issuesFromAjv } from './issues.ts';

/** Checks a settings value against a compiled settings schema; an empty list means valid. */
export type ConfigValidator = (value: unknown) => Issue[];

/** Options for compiling and applying a settings schema. */
export interface ConfigSchemaOptions {
  /** Fill in the schema's `default`s for settings that are not given (on a copy). */
  useDefaults?: boolean;
}

// One instance per mode, since ajv bakes `useDefaults` into the compiled code.
const instances: { plain?: Ajv; defaulting?: Ajv } = {};
const caches = {
  plain: new WeakMap<object, ValidateFunction>(),
  defaulting: new WeakMap<object, ValidateFunction>(),
};

function instance(mode: 'plain' | 'defaulting'): Ajv {
  instances[mode] ??= createAjv({ useDefaults: mode === 'defaulting' });
  return instances[mode];
}

function underConfig(issues: Issue[]): Issue[] {
  return issues.map((issue) => ({ ...issue, path: `/config${issue.path}` }));
}

function compile(schema: unknown, mode: 'plain' | 'defaulting'): ValidateFunction {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new ManifestError([{ path: '/config', message: 'must be a JSON Schema object' }]);
  }
  const cached = caches[mode].get(schema);
  if (cached) return cached;
  const record = schema as Record<string, unknown>;
  if (record.type !== 'object') {
    throw new ManifestError([
      {
        path: '/config/type',
        message: `must be "object": settings are an object (got ${JSON.stringify(record.type) ?? 'nothing'})`,
      },
    ]);
  }
  const ajv = instance(mode);
  // Plugins do not share ids: without its `$id`, two plugins' schemas can never clash in the
  // one ajv instance, and no schema can reach another through a `$ref` by id.
  const { $id: _ignored, ...anonymous } = record;
  let valid: boolean;
  try {
    valid = ajv.validateSchema(anonymous) as boolean;
  } catch (err) {
    throw new ManifestError([
      { path: '/config', message: `is not a usable JSON Schema: ${(err as Error).message}` },
    ]);
  }
  if (!valid) throw new ManifestError(underConfig(issuesFromAjv(ajv.errors)));
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(anonymous);
  } catch (err) {
    const where = [...String((err as Error).message).matchAll(/at "([^"]*)"/g)].map((m) => m[1]);
    const path = where.length > 0 ? `/config${String(where[0]).replace(/^#/, '')}` : '/config';
    throw new ManifestError([
      { path, message: `is not a usable JSON Schema: ${(err as Error).message}` },
    ]);
  }
  caches[mode].set(schema, validate);
  return validate;
}

/**
 * Compiles a plugin's settings schema (its manifest's `config`), or throws a ManifestError
 * that says what is wrong with it at `/config/...`: not an object schema, not valid
 * draft 2020-12, or not strict (an unknown keyword such as "minimun" is an error, not a
 * silently ignored rule). Compiled once per schema object.
 *
 * @example
 * const check = compileConfigSchema(manifest.config);
 * check({ dimLevel: 30 }); // []
 */
export function compileConfigSchema(
  schema: unknown,
  options: ConfigSchemaOptions = {},
): ConfigValidator {
  const validate = compile(schema, options.useDefaults ? 'defaulting' : 'plain');
  return (value) => (validate(value) ? [] : issuesFromAjv(validate.errors));
}

/**
 * Validates a value against a schema that is not one of Heng's own, typically a plugin's
 * settings against its manifest's `config` schema, at install and in the shell. Returns the
 * value (with defaults filled in on a copy when `useDefaults` is set) or throws a
 * ValidationError with code `invalid_config` naming `what`, e.g. "config for
 * city.hengyang.lighting". A broken schema throws a ManifestError instead.
 *
 * @example
 * const schema = manifest.config ?? { type: 'object' };
 * const settings = validateAgainst(schema, body, `config for ${manifest.id}`, { useDefaults: true });
 */
export function validateAgainst<T = unknown>(
  schema: object,
  value: unknown,
  what: string,
  options: ConfigSchemaOptions = {},
): T {
  const validate = compile(schema, options.useDefaults ? 'defaulting' : 'plain');
  const subject = options.useDefaults ? structuredClone(value) : value;
  if (validate(subject)) return subject as T;
  throw new ValidationError(what, issuesFromAjv(validate.errors), 'invalid_config');
}
