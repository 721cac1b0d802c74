/**
 * @module Data classes (数据分类分级) and clearances: the four classes from least to most
 * sensitive, as the `DataClass` schema lists them, and the one rule of who may see what. Small
 * and free of the validators, so the shell and the SDK can import it on its own
 * (`@heng/schemas/data-classes`).
 */
import type { DataClass } from '../generated/types.ts';

/**
 * The classes from least to most sensitive: the `DataClass` schema's enum, in its order (typed by
 * the generated type, and checked against the schema by data-classes.test.ts; not read from the
 * JSON here so that browsers load this module without a JSON import).
 */
export const DATA_CLASSES: readonly DataClass[] = ['public', 'internal', 'restricted', 'secret'];

/** The class of data that names none. */
export const DEFAULT_DATA_CLASS: DataClass = 'internal';

/** Whether `value` is one of the four classes. */
export function isDataClass(value: unknown): value is DataClass {
  return DATA_CLASSES.includes(value as DataClass);
}

/**
 * Whether a clearance admits data of `dataClass` (its own class and those below; a missing class
 * is `internal`). A class that is not one of the four (a document from outside) is seen by no one.
 *
 * @example
 * cleared('restricted', 'internal') // true
 * cleared('internal', 'secret') // false
 */
export function cleared(clearance: DataClass, dataClass: DataClass | undefined): boolean {
  const may = DATA_CLASSES.indexOf(clearance);
  const needs = DATA_CLASSES.indexOf(dataClass ?? DEFAULT_DATA_CLASS);
  return may >= 0 && needs >= 0 && may >= needs;
}
