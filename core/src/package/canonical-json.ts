/**
 * @module Canonical JSON (the RFC 8785 shape for the values a manifest holds): object keys
 * sorted, no whitespace, so the same manifest always hashes the same whatever its formatting.
 */

/**
 * Serialises a JSON value canonically: keys sorted by UTF-16 code units (as RFC 8785 says),
 * no insignificant whitespace, numbers and strings as `JSON.stringify` writes them.
 * `undefined` members are dropped, as `JSON.stringify` drops them.
 * @throws TypeError for values JSON cannot hold (functions, bigint, non-finite numbers).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
