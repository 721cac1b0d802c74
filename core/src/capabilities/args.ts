/**
 * @module Reads the arguments a plugin sent with a host call. Plugins send anything: wrong
 * types, huge strings, getters, `__proto__` keys; these readers accept only plain data and
 * hand back copies that share nothing with the caller.
 */
import { ValidationError } from '@heng/schemas';

/** A plain-data copy of a value, as produced by `jsonArg`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_DEPTH = 64;
const encoder = new TextEncoder();

/** Throws the ValidationError for one bad argument of `op`. */
export function badArg(op: string, path: string, message: string): never {
  throw new ValidationError(`arguments of ${op}`, [{ path, message }]);
}

/** The argument list itself: an array of at most `max` entries. */
export function argList(op: string, args: unknown, max: number): readonly unknown[] {
  if (!Array.isArray(args)) badArg(op, '', 'must be an array of arguments');
  if (args.length > max) badArg(op, '', `takes at most ${max} arguments, got ${args.length}`);
  return args;
}

/** A string of `min..max` characters. */
export function stringArg(
  op: string,
  path: string,
  value: unknown,
  min: number,
  max: number,
): string {
  if (typeof value !== 'string') badArg(op, path, `must be a string, got ${typeOf(value)}`);
  if (value.length < min || value.length > max) {
    badArg(op, path, `must be ${min}..${max} characters, got ${value.length}`);
  }
  return value;
}

/** A plain object (not an array, no class instance); read its fields with `field`. */
export function recordArg(op: string, path: string, value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) badArg(op, path, `must be an object, got ${typeOf(value)}`);
  return value;
}

/** An own data property of a plain object: never a getter, never the prototype chain. */
export function field(record: Record<string, unknown>, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

/**
 * A deep copy of plain JSON data whose JSON text is at most `maxBytes` (UTF-8). Rejects
 * functions, symbols, non-finite numbers, getters, class instances and nesting deeper than 64.
 * `__proto__` keys are copied as plain data.
 */
export function jsonArg(op: string, path: string, value: unknown, maxBytes: number): Json {
  let budget = maxBytes;
  const copy = (v: unknown, at: string, depth: number): Json => {
    // Every value costs at least one byte of JSON: this bounds the walk before the final count.
    if (--budget < 0) badArg(op, path, `must be at most ${maxBytes} bytes of JSON`);
    if (depth > MAX_DEPTH) badArg(op, at, `must not nest deeper than ${MAX_DEPTH}`);
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) badArg(op, at, 'must be a finite number');
      return v;
    }
    if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) {
      const out: Json[] = [];
      for (let i = 0; i < v.length; i++) {
        // As JSON.stringify does: a missing item becomes null.
        out.push(copy(dataOf(v, String(i), op, at) ?? null, `${at}/${i}`, depth + 1));
      }
      return out;
    }
    if (isPlainObject(v)) {
      const out: { [key: string]: Json } = {};
      for (const key of Object.keys(v)) {
        const raw = dataOf(v, key, op, at);
        // As JSON.stringify does: an undefined field is left out.
        if (raw === undefined) continue;
        const item = copy(raw, `${at}/${key}`, depth + 1);
        Object.defineProperty(out, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return badArg(op, at, `must be plain JSON data, got ${typeOf(v)}`);
  };
  let result: Json;
  try {
    result = copy(value, path, 0);
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    // A proxy trap or an exotic object threw while we looked at it.
    return badArg(op, path, 'must be plain JSON data');
  }
  const bytes = encoder.encode(JSON.stringify(result)).length;
  if (bytes > maxBytes) badArg(op, path, `must be at most ${maxBytes} bytes of JSON, got ${bytes}`);
  return result;
}

function dataOf(container: object, key: string, op: string, at: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(container, key);
  if (!descriptor) return undefined;
  if (!('value' in descriptor)) badArg(op, `${at}/${key}`, 'must be a data property, not a getter');
  return descriptor.value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
