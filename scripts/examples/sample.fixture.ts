/**
 * @module Test fixture: a module whose `@example`s the examples check accepts, or refuses where
 * an example says so.
 */

/** @example double(2) // 4 */
export function double(n: number): number {
  return n * 2;
}

/**
 * Names a shape.
 * @example
 * ```ts
 * const name = nameOf({ sides: 4, name: 'square' });
 * ```
 * A JSON block is not code:
 * ```json
 * { "sides": 4, "name": "square" }
 * ```
 * @param shape what to name
 */
export function nameOf(shape: { sides: number; name: string }): string {
  return shape.name;
}

/**
 * Counts the sides.
 * @example
 * sidesOf({ sides: 3, … }) // 3
 * @example
 * import { readFile } from 'node:fs/promises';
 * export default sidesOf(JSON.parse(await readFile('shape.json', 'utf8')));
 */
export function sidesOf(shape: { sides: number; name: string }): number {
  return shape.sides;
}

/**
 * Refused: calls what does not exist.
 * @example
 * const area = double(2);
 * areaOf(area);
 */
export const REFUSED_MISSING = 1;

/**
 * Refused: passes what the function refuses.
 * @example double('2')
 */
export const REFUSED_TYPE = 2;

/**
 * Left out by the test's list.
 * @example
 * this is not code …
 */
export const LEFT_OUT = 3;
