/**
 * @module The hub's routes for parties and sign-in, as one Hono app to mount: login, logout,
 * me, organisations and users. Bodies are size-limited and validated; errors are HengError JSON.
 */
import { Hono } from 'hono';
import type { HubAuth } from '../hub-auth.ts';
import { errorResponse } from './error-response.ts';
import type { AuthEnv } from './middleware.ts';
import { organisationRoutes } from './organisation-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { userRoutes } from './user-routes.ts';

/** Largest body the parties routes take: a user, an organisation, a password are small. */
export const PARTIES_MAX_BODY_BYTES = 16 * 1024;

export interface PartiesRoutesDeps {
  auth: HubAuth;
  /** Largest body accepted, in bytes; default 16 KiB. These routes only: others have their own. */
  maxBodyBytes?: number;
}

/**
 * @example
 * const auth = await HubAuth.open(store.couch, { audit });
 * app.route('/', partiesRoutes({ auth }));
 */
export function partiesRoutes(deps: PartiesRoutesDeps): Hono<AuthEnv> {
  // Per route, through the one JSON reader: a limit here once applied to every /api route.
  const limits = { maxBytes: deps.maxBodyBytes ?? PARTIES_MAX_BODY_BYTES };
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => errorResponse(c, err));
  app.route('/', sessionRoutes(deps.auth, limits));
  app.route('/', organisationRoutes(deps.auth, limits));
  app.route('/', userRoutes(deps.auth, limits));
  return app;
}
