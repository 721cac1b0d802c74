/** @module The auth pieces for Hono: middleware, error replies and the parties routes. */

export { audited, type WriteDescription } from './audited.ts';
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
export { PARTIES_MAX_BODY_BYTES, type PartiesRoutesDeps, partiesRoutes } from './parties-routes.ts';
export {
  cookieWriteHasOrigin,
  isWrite,
  type SameOriginOptions,
  sameOriginWrites,
} from './same-origin.ts';
