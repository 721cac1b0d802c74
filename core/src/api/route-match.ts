/**
 * @module Matches a request path against a plugin's granted routes (`/lamps/:id`); nothing
 * that is not granted is ever routed to the plugin.
 */
import type { HttpRoute } from '../capabilities/grant-types.ts';

export type RouteMatch =
  | { kind: 'match'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

/**
 * Finds the first route whose method and path fit. Segments are compared percent-encoded and
 * decoded only as parameters, so `%2F` never splits a segment.
 */
export function matchRoute(routes: readonly HttpRoute[], method: string, path: string): RouteMatch {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method) return { kind: 'match', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0
    ? { kind: 'wrong-method', allowed: [...new Set(allowed)] }
    : { kind: 'none' };
}

function matchPath(
  pattern: string,
  segments: readonly string[],
): Record<string, string> | undefined {
  const parts = pattern === '/' ? [] : pattern.slice(1).split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Array<[string, string]> = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      let value: string;
      try {
        value = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      params.push([part.slice(1), value]);
    } else if (part !== segment) {
      return undefined;
    }
  }
  // fromEntries defines own properties: a `:__proto__` parameter stays data.
  return Object.fromEntries(params);
}
