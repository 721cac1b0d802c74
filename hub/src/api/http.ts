/**
 * @module How the hub's API speaks HTTP: JSON bodies read by one reader (json-body.ts) and checked
 * against their schema, and every failure as `{ error: { code, message, issues? } }` with the
 * status its code maps to.
 */
import {
  type DocumentName,
  HengError,
  issuesFor,
  type SchemaTypes,
  ValidationError,
} from '@heng/schemas';
import type { Context } from 'hono';

/** The JSON reply for an error, and its status: one answer for every hub route. */
export { errorResponse } from '../auth/http/error-response.ts';
/** The one JSON body reader of the API (content type, size, depth). */
export {
  checkJsonDepth,
  type JsonBodyLimits,
  jsonDepth,
  MAX_JSON_BYTES,
  MAX_JSON_DEPTH,
  readBodyBytes,
  readJson,
} from './json-body.ts';

/** Validates `value` against a Heng schema; the error names every JSON path that is wrong. */
export function checkBody<N extends DocumentName>(
  name: N,
  value: unknown,
  what: string,
): SchemaTypes[N] {
  const issues = issuesFor(name, value);
  if (issues.length > 0) throw new ValidationError(what, issues);
  return value as SchemaTypes[N];
}

/** Reads an integer query parameter within bounds, or the default. */
export function intQuery(
  c: Context,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HengError(
      'invalid_input',
      `query ${name}: must be a whole number ${min}..${max}, got "${raw}"`,
    );
  return n;
}
