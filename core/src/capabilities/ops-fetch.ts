/**
 * @module The `fetch` host operation: https to granted hosts only, same-host redirects only,
 * bounded request and response bodies, cancelled when the broker is disposed.
 */
import { HengError, PermissionDeniedError } from '@heng/schemas';
import { argList, badArg, field, recordArg, stringArg } from './args.ts';
import { type HostOperation, type OpContext, portOf } from './op-context.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: header values must not carry them
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;
// Hop-by-hop and routing headers belong to the host, not to the plugin.
const FORBIDDEN_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-connection',
  'forwarded',
  'x-forwarded-for',
]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** What the plugin gets back from `fetch`. */
export interface FetchResult {
  status: number;
  statusText: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface FetchRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function readInit(op: string, ctx: OpContext, raw: unknown): FetchRequest {
  if (raw === undefined) return { method: 'GET', headers: {} };
  const init = recordArg(op, '/1', raw);
  const method = (field(init, 'method') ?? 'GET') as unknown;
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) {
    badArg(op, '/1/method', `must be one of ${[...METHODS].join(', ')}`);
  }
  const entries: Array<[string, string]> = [];
  const rawHeaders = field(init, 'headers');
  if (rawHeaders !== undefined) {
    const record = recordArg(op, '/1/headers', rawHeaders);
    const names = Object.keys(record);
    if (names.length > 64) badArg(op, '/1/headers', 'must have at most 64 headers');
    for (const name of names) {
      const value = field(record, name);
      const lower = name.toLowerCase();
      if (!TOKEN.test(name))
        badArg(op, '/1/headers', `${JSON.stringify(name.slice(0, 64))} is not a header name`);
      if (FORBIDDEN_HEADERS.has(lower))
        badArg(op, `/1/headers/${lower}`, 'is set by the host, not by plugins');
      if (typeof value !== 'string' || value.length > 8192 || BAD_VALUE.test(value)) {
        badArg(
          op,
          `/1/headers/${lower}`,
          'must be a string of at most 8192 characters without control characters',
        );
      }
      entries.push([lower, value]);
    }
  }
  const headers = Object.fromEntries(entries);
  const body = field(init, 'body');
  const upper = method.toUpperCase();
  if (body === undefined) return { method: upper, headers };
  if (upper === 'GET' || upper === 'HEAD') badArg(op, '/1/body', `must be absent for ${upper}`);
  const text = stringArg(op, '/1/body', body, 0, ctx.limits.maxFetchRequestBytes);
  if (new TextEncoder().encode(text).length > ctx.limits.maxFetchRequestBytes) {
    badArg(op, '/1/body', `must be at most ${ctx.limits.maxFetchRequestBytes} bytes`);
  }
  return { method: upper, headers, body: text };
}

/** `fetch(url, { method?, headers?, body? })` → `{ status, statusText, url, headers, body }`. */
export const fetchOp: HostOperation = async (ctx, raw, call) => {
  const op = 'fetch';
  const args = argList(op, raw, 2);
  const href = stringArg(op, '/0', args[0], 1, 2048);
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return badArg(op, '/0', 'must be an absolute URL');
  }
  call.target = url.origin + url.pathname;
  const request = readInit(op, ctx, args[1]);
  if (url.protocol !== 'https:') {
    throw new PermissionDeniedError(
      `${op}: plugin ${ctx.pluginId} may fetch only https URLs, not ${url.protocol} (host '${url.host}')`,
    );
  }
  if (!ctx.grant.canFetch(url)) {
    throw new PermissionDeniedError(
      `${op}: plugin ${ctx.pluginId} may not fetch from host '${url.host}'`,
    );
  }
  const port = portOf(ctx, 'fetch', op);
  call.allowed = true;
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.limits.fetchTimeoutMs)]);
  try {
    for (let hop = 0; ; hop++) {
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        redirect: 'manual',
        signal,
      };
      if (request.body !== undefined) init.body = request.body;
      const response = await port(url.href, init);
      if (response.type === 'opaqueredirect') {
        call.allowed = false;
        throw new PermissionDeniedError(
          `${op}: host '${url.host}' redirected to a hidden location; redirects are refused`,
        );
      }
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null) {
        const body = await readCapped(response, ctx.limits.maxFetchResponseBytes, url.host);
        call.note = `${request.method} ${response.status}`;
        return result(response, url, body);
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        call.allowed = false;
        throw new PermissionDeniedError(
          `${op}: host '${url.host}' redirected to '${next.host}'; redirects to other hosts are refused`,
        );
      }
      if (hop >= ctx.limits.maxRedirects) {
        throw new HengError(
          'internal',
          `${op}: host '${url.host}' redirected more than ${ctx.limits.maxRedirects} times`,
        );
      }
      if (
        response.status === 303 ||
        (response.status !== 307 && response.status !== 308 && request.method === 'POST')
      ) {
        request.method = 'GET';
        delete request.body;
      }
      url = next;
    }
  } catch (err) {
    if (ctx.signal.aborted) {
      throw new HengError(
        'plugin_unavailable',
        `${op}: request to host '${url.host}' cancelled: the plugin was stopped`,
        { cause: err },
      );
    }
    if (err instanceof HengError) throw err;
    const why = signal.aborted
      ? `no answer within ${ctx.limits.fetchTimeoutMs} ms`
      : (err as Error)?.message;
    throw new HengError('internal', `${op}: request to host '${url.host}' failed: ${why}`, {
      cause: err,
    });
  }
};

function result(response: Response, url: URL, body: string): FetchResult {
  // Cookies are the host's business; a plugin has no cookie jar.
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => name !== 'set-cookie'),
  );
  return { status: response.status, statusText: response.statusText, url: url.href, headers, body };
}

async function readCapped(response: Response, max: number, host: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new HengError(
        'payload_too_large',
        `fetch: the response from host '${host}' is larger than ${max} bytes`,
      );
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
