/**
 * @module The one way Heng configures ajv: draft 2020-12, every error, strict, with formats.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS whose typings declare an ES default export; at run time (Node,
// Deno, vitest) the default import is the plugin function itself, which also has `.default`.
type FormatsPlugin = typeof formatsPlugin.default;
const addFormats: FormatsPlugin =
  (formatsPlugin as unknown as { default?: FormatsPlugin }).default ??
  (formatsPlugin as unknown as FormatsPlugin);

/** An ajv instance set up the Heng way. */
export type Ajv = Ajv2020;

/**
 * Makes an ajv instance with Heng's settings: all errors (so a vendor sees every problem at
 * once), strict schemas (a typo in a schema is an error, not a silent no-op), `verbose` (the
 * messages quote the offending value) and the `discriminator` keyword for the permission union.
 */
export function createAjv(options: { useDefaults?: boolean } = {}): Ajv {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    discriminator: true,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv);
  return ajv;
}
