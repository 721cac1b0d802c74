/** @module The HTTP routes of plugins, as a Hono app the edge and the hub mount. */
export { DEFAULT_ROUTE_LIMITS, errorResponse, pluginRoutes } from './plugin-routes.ts';
export { SECURITY_HEADERS, toWebResponse } from './response.ts';
export { matchRoute, type RouteMatch } from './route-match.ts';
export type * from './types.ts';
