/**
 * @module Check: the settings schema in `config` is a usable, strict JSON Schema.
 */
import { HengError } from '../../errors.ts';
import { compileConfigSchema } from '../../validators/config.ts';
import type { ManifestCheck } from '../types.ts';

/** The "config-schema-compiles" check (error); `description` says what it enforces. */
export const configSchemaCompiles: ManifestCheck = {
  id: 'config-schema-compiles',
  severity: 'error',
  description:
    'config is a valid draft 2020-12 object schema without unknown keywords, so the shell can draw its form.',
  check(manifest) {
    if (manifest.config === undefined) return [];
    try {
      compileConfigSchema(manifest.config);
      return [];
    } catch (err) {
      if (err instanceof HengError && err.issues)
        return err.issues.map(({ path, message }) => ({ path, message }));
      throw err;
    }
  },
};
