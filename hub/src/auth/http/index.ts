/** @module The auth pieces for Hono: middleware, error replies and the parties routes. */

export { audited, type WriteDescription } from './audited.ts';
export { MAX_BODY_BYTES, readBody } from './body.ts';
export { type ErrorBody, errorResponse } from './error-response.ts';
export {
  type AuthEnv,
  type AuthVariables,
  authMiddleware,
  type PrincipalEnv,
  requireAbility,
  SESSION_COOKIE,
  tokenOf,
} from './middleware.ts';
export { type PartiesRoutesDeps, partiesRoutes } from './parties-routes.ts';
