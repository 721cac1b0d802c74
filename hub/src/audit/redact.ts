/**
 * @module Keeps secrets out of the audit log: fields whose names say they hold a secret are
 * replaced before an entry is stored, however deep they sit in the detail.
 */

/** Field names that hold secrets: token, password, secret, private key, authorization, cookie. */
const SECRET_NAME = /token|passw(or)?d|secret|private[-_]?key|authori[sz]ation|cookie|credential/i;

/** What a secret field's value becomes. The field stays, so the entry still says it was given. */
export const REDACTED = '[redacted]';

/**
 * A copy of `detail` with every secret-named field's value replaced by `[redacted]`, in nested
 * objects and arrays too. Values that JSON cannot hold become their string form, so the hash
 * over the entry can always be computed.
 *
 * @example redactSecrets({ user: 'li', password: 'x' }) // { user: 'li', password: '[redacted]' }
 */
export function redactSecrets(detail: Record<string, unknown>): Record<string, unknown> {
  return redactValue(detail, 0) as Record<string, unknown>;
}

// Deep enough for any detail a route writes; deeper structure is cut rather than recursed into.
const MAX_DEPTH = 8;

function redactValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      out[key] = SECRET_NAME.test(key) ? REDACTED : redactValue(item, depth + 1);
    }
    return out;
  }
  return String(value);
}
