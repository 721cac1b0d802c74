/**
 * @module The HTTP face of plugins: a Hono app serving `/plugins/:pluginId/*`, passing only
 * granted routes to the plugin as plain JSON, with bounded bodies and safe response headers.
 */
import { HengError, httpStatusOf, NotFoundError, toHengError } from '@heng/schemas';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isPluginId } from '../capabilities/grant.ts';
import { SECURITY_HEADERS, toWebResponse } from './response.ts';
import { matchRoute, type RouteMatch } from './route-match.ts';
import type {
  PluginRequest,
  PluginRouteLimits,
  PluginRoutesOptions,
  PluginRouteTarget,
} from './types.ts';

export const DEFAULT_ROUTE_LIMITS: Readonly<PluginRouteLimits> = Object.freeze({
  requestBodyBytes: 64 * 1024,
  responseBodyBytes: 1024 * 1024,
});

const FORWARDED_HEADERS = ['content-type', 'accept', 'accept-language'] as const;

type Env = {
  Variables: {
    target: PluginRouteTarget;
    match: Extract<RouteMatch, { kind: 'match' }>;
    path: string;
  };
};

/** The JSON error body every failure of a plugin route gets. */
export function errorResponse(error: HengError): Response {
  const internal = error.code === 'internal';
  const json = internal
    ? { name: 'HengError', code: 'internal', message: 'internal error' }
    : error.toJSON();
  return new Response(JSON.stringify({ error: json }), {
    status: httpStatusOf(error.code),
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },
  });
}

/** The path below `/plugins/<id>`, still percent-encoded, so `%2F` stays inside its segment. */
function pathBelow(url: string, pluginId: string): string | undefined {
  const pathname = new URL(url).pathname;
  const marker = `/plugins/${pluginId}`;
  const at = pathname.indexOf(marker);
  if (at < 0) return undefined;
  const rest = pathname.slice(at + marker.length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : undefined;
}

/**
 * Serves every installed plugin's granted routes under `/plugins/<id>/…`.
 * @example
 * const app = new Hono();
 * app.route('/', pluginRoutes({ resolve: (id) => host.running(id) }));
 */
export function pluginRoutes(options: PluginRoutesOptions): Hono<Env> {
  const limits = { ...DEFAULT_ROUTE_LIMITS, ...options.limits };
  const app = new Hono<Env>();

  const route = async (c: Context<Env>, next: () => Promise<void>) => {
    const pluginId = c.req.param('pluginId') ?? '';
    const target = isPluginId(pluginId) ? options.resolve(pluginId) : undefined;
    if (!target)
      return errorResponse(
        new NotFoundError(`no plugin ${JSON.stringify(pluginId.slice(0, 128))} serves HTTP here`),
      );
    const path = pathBelow(c.req.url, pluginId);
    const match =
      path === undefined
        ? ({ kind: 'none' } as const)
        : matchRoute(target.routes, c.req.method, path);
    if (match.kind === 'wrong-method') {
      const res = errorResponse(
        new HengError('not_found', `plugin ${pluginId} does not serve ${c.req.method} ${path}`),
      );
      const headers = new Headers(res.headers);
      headers.set('allow', match.allowed.join(', '));
      return new Response(res.body, { status: 405, headers });
    }
    if (match.kind === 'none')
      return errorResponse(new NotFoundError(`plugin ${pluginId} serves no route ${path ?? ''}`));
    c.set('target', target);
    c.set('match', match);
    c.set('path', path!);
    await next();
  };

  const limit = bodyLimit({
    maxSize: limits.requestBodyBytes,
    onError: (c) =>
      errorResponse(
        new HengError(
          'payload_too_large',
          `request body to ${new URL(c.req.url).pathname} is over ${limits.requestBodyBytes} bytes`,
        ),
      ),
  });

  const serve = async (c: Context<Env>) => {
    const pluginId = c.req.param('pluginId') ?? '';
    const { route: granted, params } = c.get('match');
    const url = new URL(c.req.url);
    const query = new Map<string, string>();
    for (const [key, value] of url.searchParams) if (!query.has(key)) query.set(key, value);
    const headers: Array<[string, string]> = [];
    for (const name of FORWARDED_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers.push([name, value]);
    }
    const request: PluginRequest = {
      method: c.req.method,
      path: c.get('path'),
      route: granted.path,
      params,
      query: Object.fromEntries(query),
      headers: Object.fromEntries(headers),
      body: c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text(),
    };
    const answer = await c.get('target').handle(request);
    return toWebResponse(pluginId, answer, limits.responseBodyBytes);
  };

  app.all('/plugins/:pluginId', route, limit, serve);
  app.all('/plugins/:pluginId/*', route, limit, serve);
  app.onError((err) => errorResponse(toHengError(err)));
  return app;
}
