/** @module The route a request matched, as registered: what refusals are counted by. */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * `GET /api/sites/:site`, not the path asked for (which the caller makes up, so counting by it
 * would let a caller grow the count's kinds without bound); `(no route)` when none matched.
 */
export function routeOf(c: Context): string {
  const route = matchedRoutes(c)
    .filter((r) => r.method !== 'ALL')
    .at(-1);
  return `${c.req.method} ${route?.path ?? '(no route)'}`;
}
