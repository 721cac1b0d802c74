/**
 * @module Request bodies the gateway must read (writes, revs_diff, bulk_get, checkpoints): read
 * up to a cap, so that one edge cannot make the hub hold an unbounded body, and parsed as JSON of
 * the shape the endpoint takes.
 */
import { HengError } from '@heng/schemas';
import { checkJsonDepth, MAX_JSON_DEPTH, readCappedBytes } from '../api/json-body.ts';

/** The body as text; `payload_too_large` past `max` bytes, checked before and while reading. */
export async function readCapped(request: Request, max: number, where: string): Promise<string> {
  const bytes = await readCappedBytes(
    request,
    max,
    () =>
      new HengError(
        'payload_too_large',
        `${where}: the body is larger than the gateway's limit of ${max} bytes; send smaller batches (PouchDB's batch_size)`,
      ),
  );
  return new TextDecoder().decode(bytes);
}

/**
 * Parses `text` as a JSON object; `invalid_input` naming `where` otherwise. Nesting is bounded
 * first (the API's bound: a batch and its documents are a few levels deep), so no recursive walk
 * of a hostile body, here or in the store, can run out of stack.
 */
export function parseJsonObject(text: string, where: string): Record<string, unknown> {
  checkJsonDepth(text, MAX_JSON_DEPTH, where);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HengError(
      'invalid_input',
      `${where}: the body is not JSON (${(err as Error).message})`,
    );
  }
  if (!isObject(value))
    throw new HengError('invalid_input', `${where}: the body must be a JSON object`);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
