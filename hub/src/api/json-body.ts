/**
 * @module The one reader of JSON request bodies for the whole API: the content type must be JSON,
 * the body is read up to the route's byte limit (while it streams in, so an oversized body is
 * never held whole), and its nesting is measured on the text, before `JSON.parse` or anything
 * recursive (schema validation, redaction, the audit log's canonical JSON) touches it.
 */
import { HengError } from '@heng/schemas';
import type { Context } from 'hono';

/** Default byte limit of a JSON body: the API's bodies are small (packages have their own limit). */
export const MAX_JSON_BYTES = 256 * 1024;

/**
 * The deepest nesting of arrays and objects a body may have. Every schema of the API nests a few
 * levels (a plugin's settings a few more); 64 leaves room and keeps every recursive walk short.
 */
export const MAX_JSON_DEPTH = 64;

export interface JsonBodyLimits {
  /** Largest body in bytes; default {@link MAX_JSON_BYTES}. */
  maxBytes?: number;
  /** Deepest nesting; default {@link MAX_JSON_DEPTH}. */
  maxDepth?: number;
}

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing it (brackets
 * inside strings do not count). Stops counting once past `stopAbove`, so a hostile body costs one
 * pass at most. For any reader of JSON (the gateway's replication bodies too).
 *
 * @example
 * jsonDepth('{"a":[1,[2]]}') // 3
 */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return deepest;
}

/** Refuses JSON text nested deeper than `maxDepth` (400, naming the limit). */
export function checkJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH, what = 'body'): void {
  if (jsonDepth(text, maxDepth) > maxDepth)
    throw new HengError(
      'invalid_input',
      `${what}: JSON nested deeper than ${maxDepth} levels (arrays and objects) is refused`,
    );
}

function tooLarge(what: string, max: number): HengError {
  return new HengError('payload_too_large', `${what}: over the limit of ${max} bytes`);
}

/**
 * A request's body as bytes, at most `maxBytes`: a declared length over the limit is refused at
 * once, and a streamed body as soon as it passes the limit (the rest is not read). `tooBig` is the
 * error to throw, so each reader (the API's, the sync gateway's) says it in its own words.
 */
export async function readCappedBytes(
  request: Request,
  maxBytes: number,
  tooBig: () => HengError,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooBig();
  const stream = request.body;
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The API request's body as bytes, at most `maxBytes` (413 naming the limit past it). */
export function readBodyBytes(c: Context, maxBytes: number, what = 'body'): Promise<Uint8Array> {
  return readCappedBytes(c.req.raw, maxBytes, () => tooLarge(what, maxBytes));
}

/**
 * Reads a JSON body: `application/json` only (a form or `text/plain` is what a cross-site page
 * can send without asking), at most `maxBytes`, nested at most `maxDepth`, valid UTF-8 and JSON;
 * anything else is a 400 (413 for size) that says which.
 */
export async function readJson(c: Context, limits: JsonBodyLimits = {}): Promise<unknown> {
  const what = `body of ${c.req.method} ${c.req.path}`;
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new HengError(
      'invalid_input',
      `${what}: expected content-type application/json, got "${type || 'none'}"`,
    );
  const bytes = await readBodyBytes(c, limits.maxBytes ?? MAX_JSON_BYTES, what);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HengError('invalid_input', `${what}: not valid UTF-8`);
  }
  checkJsonDepth(text, limits.maxDepth ?? MAX_JSON_DEPTH, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HengError('invalid_input', `${what}: not valid JSON (${(err as Error).message})`);
  }
}
