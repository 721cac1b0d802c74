/**
 * @module Compiled validators: Heng's own schemas, and plugins' settings schemas.
 */
export { type Ajv, createAjv } from './ajv.ts';
export {
  type ConfigSchemaOptions,
  type ConfigValidator,
  compileConfigSchema,
  validateAgainst,
} from './config.ts';
export * from './documents.ts';
export { issuesFromAjv } from './issues.ts';
