/**
 * @module Reads a JSON request body and checks it against its schema, so every error names the
 * JSON path of what is wrong.
 */
import { type DocumentName, issuesFor, type SchemaTypes, ValidationError } from '@heng/schemas';
import type { Context } from 'hono';

/** Default largest body the auth routes take. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The body, valid against schema `name`, or a ValidationError (400) naming each path. */
export async function readBody<N extends DocumentName>(
  c: Context,
  name: N,
): Promise<SchemaTypes[N]> {
  const where = `body of ${c.req.method} ${c.req.path}`;
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    throw new ValidationError(where, [{ path: '', message: 'is not JSON' }]);
  }
  const issues = issuesFor(name, value);
  if (issues.length > 0) throw new ValidationError(where, issues);
  return value as SchemaTypes[N];
}
