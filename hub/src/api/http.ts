/**
 * @module How the hub's API speaks HTTP: JSON bodies read with a size cap and a clear error, and
 * every failure as `{ error: { code, message, issues? } }` with the status its code maps to.
 */
import {
  type DocumentName,
  HengError,
  issuesFor,
  type SchemaTypes,
  ValidationError,
} from '@heng/schemas';
import type { Context } from 'hono';

/** Default cap on a JSON body: API bodies are small; packages have their own, larger cap. */
export const MAX_JSON_BYTES = 256 * 1024;

/** The JSON reply for an error, and its status: one answer for every hub route. */
export { errorResponse } from '../auth/http/error-response.ts';

/** Reads a JSON body of at most `maxBytes`; a wrong type, oversize or malformed body is refused. */
export async function readJson(c: Context, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new HengError(
      'invalid_input',
      `body: expected content-type application/json, got "${type || 'none'}"`,
    );
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(declared, maxBytes);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new HengError('invalid_input', `body: not valid JSON (${(err as Error).message})`);
  }
}

function tooLarge(size: number, max: number): HengError {
  return new HengError('payload_too_large', `body: ${size} bytes is over the limit of ${max}`);
}

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
