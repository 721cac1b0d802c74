/**
 * @module Checks what a plugin answered and turns it into a web Response with the platform's
 * security headers; a malformed answer becomes a 502, never a half-trusted response.
 */
import { HengError } from '@heng/schemas';
import type { PluginResponse } from './types.ts';

// What a plugin may set. No cookies (the origin is the platform's), no CORS (only the
// platform decides who may call), no framing or caching directives of other origins.
const ALLOWED_HEADERS = new Set([
  'content-type',
  'content-language',
  'content-disposition',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'vary',
  'retry-after',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: header values must not carry them
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const NULL_BODY = new Set([204, 205, 304]);

/** Headers every response of a plugin route carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': 'sandbox',
  'x-content-type-options': 'nosniff',
});

/** Builds the Response for a plugin's answer; throws a `plugin_crashed`-coded error when it is malformed. */
export function toWebResponse(pluginId: string, answer: unknown, maxBytes: number): Response {
  const bad = (why: string) =>
    new HengError('plugin_crashed', `plugin ${pluginId} answered an invalid HTTP response: ${why}`);
  if (typeof answer !== 'object' || answer === null) throw bad('not an object');
  const { status, headers, body } = answer as Partial<PluginResponse>;
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
    throw bad(`status must be an integer 100..599, got ${String(status).slice(0, 20)}`);
  }
  if ((status as number) < 200) throw bad(`informational status ${status} cannot end a response`);
  if (typeof body !== 'string') throw bad('body must be a string');
  const size = new TextEncoder().encode(body).length;
  if (size > maxBytes) {
    throw new HengError(
      'result_too_large',
      `plugin ${pluginId} answered ${size} bytes, over the limit of ${maxBytes}`,
    );
  }
  const out = new Headers();
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
      throw bad('headers must be an object');
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (!TOKEN.test(name)) throw bad(`${JSON.stringify(name.slice(0, 64))} is not a header name`);
      if (typeof value !== 'string' || BAD_VALUE.test(value) || value.length > 8192) {
        throw bad(`header ${lower} must be a string without control characters`);
      }
      if (!ALLOWED_HEADERS.has(lower)) throw bad(`header ${lower} may not be set by a plugin`);
      out.set(lower, value);
    }
  }
  if (!out.has('content-type')) out.set('content-type', 'text/plain; charset=utf-8');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) out.set(name, value);
  return new Response(NULL_BODY.has(status as number) ? null : body, {
    status: status as number,
    headers: out,
  });
}
