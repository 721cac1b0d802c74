/**
 * @module The rules every storage key, prefix and value obeys, shared by every StoragePort
 * implementation and by the broker, so a plugin can never name anything outside its space.
 */
import { ValidationError } from '@heng/schemas';
import { isPluginId } from '../capabilities/grant.ts';
import type { JsonValue, ListOptions } from './port.ts';

export const MAX_KEY_LENGTH = 256;
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

// Control characters break logs and some stores; U+FFFE/U+FFFF would escape prefix ranges.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `key` is not a valid storage key, or undefined when it is. */
export function storageKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'must be a string';
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    return `must be 1..${MAX_KEY_LENGTH} characters`;
  if (FORBIDDEN.test(key)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(key)) return 'must not contain lone surrogates';
  return undefined;
}

/** Throws a ValidationError naming the key when it breaks the rules. */
export function assertStorageKey(key: unknown): asserts key is string {
  const problem = storageKeyProblem(key);
  if (problem)
    throw new ValidationError(`storage key ${shown(key)}`, [{ path: '/key', message: problem }]);
}

/** Checks a list prefix (may be empty) and limit; returns the limit to use. */
export function checkListArgs(prefix: unknown, options: ListOptions | undefined): number {
  if (prefix !== undefined && prefix !== '') assertStorageKey(prefix);
  const limit = options?.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new ValidationError('storage list limit', [
      { path: '/limit', message: `must be an integer 1..${MAX_LIST_LIMIT}, got ${shown(limit)}` },
    ]);
  }
  return limit;
}

/** The JSON text of `value`; throws a ValidationError when it is not plain JSON. */
export function encodeValue(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw new ValidationError(`storage value for ${shown(key)}`, [
      { path: '/value', message: `must be JSON (${(err as Error).message})` },
    ]);
  }
  if (json === undefined) {
    throw new ValidationError(`storage value for ${shown(key)}`, [
      { path: '/value', message: 'must be JSON' },
    ]);
  }
  return json;
}

/** Reads back a stored JSON text. */
export function decodeValue(json: string): JsonValue {
  return JSON.parse(json) as JsonValue;
}

const encoder = new TextEncoder();

/** Bytes an entry counts against the quota. */
export function entryBytes(key: string, json: string): number {
  return encoder.encode(key).length + encoder.encode(json).length;
}

/** A key as it may appear in a message: quoted, escaped, shortened. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(typeof value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The `_id` prefix of one plugin's keys, `plugin/<id>/`: every store implementation namespaces
 * with it, so no key a plugin sends can name another plugin's.
 */
export function pluginPrefix(pluginId: unknown): string {
  if (!isPluginId(pluginId)) {
    throw new ValidationError('plugin id for storage', [
      { path: '/pluginId', message: `${shown(pluginId)} is not a reverse-DNS plugin id` },
    ]);
  }
  return `plugin/${pluginId}/`;
}
