/**
 * @module @heng/schemas: Heng's contracts. JSON Schemas, the types generated from them,
 * compiled validators, semantic manifest checks and the one error family.
 */
export type * from '../generated/types.ts';
export * from './data-classes.ts';
export * from './errors.ts';
export * from './manifest/index.ts';
export * from './patterns.ts';
export { SCHEMA_BASE_URL, type SchemaName, schemaId, schemas } from './schema-documents.ts';
export * from './site-databases.ts';
export * from './validators/index.ts';
