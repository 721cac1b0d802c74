/**
 * @module A plugin's settings validator as a self-contained ES module for the shell: ajv's
 * standalone code for the package's `config` schema, bundled by esbuild so that it imports
 * nothing. The shell's Content-Security-Policy has no `unsafe-eval`, so it cannot run ajv's
 * compiler; it imports this module instead and validates as the user types, exactly as the hub
 * will at install (`validateAgainst`, without defaults: the form shows them as values).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HengError } from '@heng/schemas';
import { _ } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import formatsPlugin from 'ajv-formats';
import { build } from 'esbuild';

/** The settings schema the hub checks against when a package declares none. */
const EMPTY_CONFIG_SCHEMA = { type: 'object', additionalProperties: false };

// ajv ships CommonJS whose typings declare ES default exports; at run time the default import
// is the module object under Node's type stripping, and the function itself under vitest.
type Standalone = typeof standaloneModule.default;
const standaloneCode: Standalone =
  (standaloneModule as unknown as { default?: Standalone }).default ??
  (standaloneModule as unknown as Standalone);
type FormatsPlugin = typeof formatsPlugin.default;
const addFormats: FormatsPlugin =
  (formatsPlugin as unknown as { default?: FormatsPlugin }).default ??
  (formatsPlugin as unknown as FormatsPlugin);

// The generated code `require`s ajv's runtime helpers (and ajv-formats' formats when the schema
// uses `format`); esbuild resolves them from where @heng/schemas resolves ajv, so the bundle
// carries the same ajv that `validateAgainst` runs.
const resolveDir = dirname(fileURLToPath(import.meta.resolve('@heng/schemas')));

/**
 * Compiles `schema` (a manifest's `config`) into the source of an ES module whose default
 * export is an ajv validate function: `validate(value)` returns a boolean and leaves ajv's
 * `ErrorObject[]` (with `keyword`, `instancePath`, `params`, and `parentSchema`) in
 * `validate.errors`. Compiled with the options of @heng/schemas' `createAjv` (all errors,
 * strict, verbose, union types, discriminator, formats), and like `compileConfigSchema`
 * without the schema's `$id`.
 *
 * @throws HengError `invalid_manifest` when the schema does not compile.
 * @example
 * const js = await configValidatorSource(pkg.configSchema ?? { type: 'object' });
 * // in the browser: const { default: validate } = await import(url); validate(settings)
 */
export async function configValidatorSource(schema: Record<string, unknown>): Promise<string> {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    discriminator: true,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  const { $id: _ignored, ...anonymous } = schema;
  let code: string;
  try {
    code = standaloneCode(ajv, ajv.compile(anonymous));
  } catch (err) {
    throw new HengError(
      'invalid_manifest',
      `config: is not a usable JSON Schema: ${(err as Error).message}`,
    );
  }
  const out = await build({
    stdin: { contents: code, resolveDir, loader: 'js', sourcefile: 'config-validator.js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new HengError('internal', 'config validator: esbuild wrote nothing');
  return file.text;
}

/** What {@link ConfigValidators.moduleFor} needs of a catalog package. */
export interface ConfigSchemaSource {
  plugin: { digest: string };
  configSchema?: Record<string, unknown>;
}

/**
 * Validator modules cached per package digest: a digest names exactly one manifest, so its
 * module never changes, and compiling plus bundling costs tens of milliseconds.
 */
export class ConfigValidators {
  readonly #modules = new Map<string, Promise<string>>();
  readonly #max: number;

  /** @param max how many modules to keep; the oldest is dropped beyond it. */
  constructor(max = 256) {
    this.#max = max;
  }

  /** The module's source for a package (the empty settings schema when it declares none). */
  moduleFor(pkg: ConfigSchemaSource): Promise<string> {
    const key = pkg.plugin.digest;
    const held = this.#modules.get(key);
    if (held) return held;
    const made = configValidatorSource(pkg.configSchema ?? EMPTY_CONFIG_SCHEMA);
    // A failure is not cached: the next request tries again and reports the error again.
    made.catch(() => this.#modules.delete(key));
    this.#modules.set(key, made);
    if (this.#modules.size > this.#max) {
      const oldest = this.#modules.keys().next().value;
      if (oldest !== undefined) this.#modules.delete(oldest);
    }
    return made;
  }
}
