/**
 * @module Serves the built web shell (`@heng/shell`'s `dist/`) at `/`: index.html revalidated on
 * every load, content-hashed assets cached for good, and on every answer a strict
 * Content-Security-Policy (no inline or evaluated script) and the other hardening headers.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';

/**
 * The shell's policy. Scripts only from the hub's own origin; styles too, since Lit adopts
 * constructed stylesheets (not governed by style-src) and uPlot sets styles through the CSSOM;
 * frames only from the hub (plugin panels, in sandboxed iframes); nothing may frame the shell.
 */
export const SHELL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': SHELL_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** esbuild's `[name]-[hash]` names: the hash changes with the content, so they never go stale. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
const FILE = '[A-Za-z0-9][A-Za-z0-9_.-]*\\.(?:html|js|css|json|svg|png|ico|woff2)';

export interface ShellRoutesOptions {
  /** The built shell: a folder with index.html and its assets. */
  dir: string;
}

/** Routes `/` and `/<asset>` for the shell; mount at the app's root after the API. */
export function shellRoutes(options: ShellRoutesOptions): Hono {
  const dir = path.resolve(options.dir);
  const app = new Hono();
  app.get('/', (c) => serveFile(c, dir, 'index.html'));
  app.get(`/:file{${FILE}}`, (c) => serveFile(c, dir, c.req.param('file')));
  return app;
}

async function serveFile(c: Context, dir: string, name: string): Promise<Response> {
  // The route's pattern allows no slash; this check keeps it that way if the pattern changes.
  const file = path.join(dir, name);
  if (path.dirname(file) !== dir) return c.notFound();
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await readFile(file));
  } catch {
    return c.notFound();
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream',
    'cache-control': HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
  };
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((tag) => tag.trim() === etag))
    return new Response(null, { status: 304, headers });
  return new Response(c.req.method === 'HEAD' ? null : body, { status: 200, headers });
}

/**
 * The built shell's folder, found through the `@heng/shell` package by path (the hub does not
 * import the shell's code), or undefined when the package or its build is missing.
 */
export async function findShellDist(): Promise<string | undefined> {
  try {
    const pkg = import.meta.resolve('@heng/shell/package.json');
    const dist = path.join(path.dirname(fileURLToPath(pkg)), 'dist');
    await readFile(path.join(dist, 'index.html'));
    return dist;
  } catch {
    return undefined;
  }
}
