/**
 * @module The shell's places, parsed from and written to the URL's hash. Hash routing because the
 * hub then serves one index.html at `/` and needs no fallback for deep links.
 */

import { HUB_PLACE } from '../api/index.ts';

/** Where the shell is. */
export type Route =
  | { name: 'signin' }
  | { name: 'overview' }
  | { name: 'site'; site: string }
  | { name: 'apps'; site: string }
  | { name: 'catalog' }
  | { name: 'hub' }
  | { name: 'events' }
  | { name: 'audit' }
  | { name: 'parties' }
  | { name: 'not-found'; path: string };

/** The route of a hash such as `#/sites/lighting-01`; an empty hash is the overview. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (first === 'sites' && second !== undefined && rest.length === 1 && rest[0] === 'apps')
    // The hub's apps are a part of the hub's view (no site is called `hub`: the hub refuses it).
    return second === HUB_PLACE ? { name: 'hub' } : { name: 'apps', site: second };
  if (rest.length === 0) {
    if (first === undefined || (first === 'sites' && second === undefined))
      return { name: 'overview' };
    if (first === 'sites' && second !== undefined) return { name: 'site', site: second };
    if (second === undefined && (first === 'signin' || first === 'events' || first === 'audit'))
      return { name: first };
    if (second === undefined && first === 'parties') return { name: 'parties' };
    if (second === undefined && first === 'catalog') return { name: 'catalog' };
    if (second === undefined && first === 'hub') return { name: 'hub' };
  }
  return { name: 'not-found', path };
}

/** The hash that shows `route` (inverse of {@link parseRoute}). */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/sites';
    case 'site':
      return `#/sites/${encodeURIComponent(route.site)}`;
    case 'apps':
      return `#/sites/${encodeURIComponent(route.site)}/apps`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}
