/**
 * @module The hub's routes for parties and sign-in, as one Hono app to mount: login, logout,
 * me, organisations and users. Bodies are size-limited and validated; errors are HengError JSON.
 */
import { HengError } from '@heng/schemas';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HubAuth } from '../hub-auth.ts';
import { MAX_BODY_BYTES } from './body.ts';
import { errorResponse } from './error-response.ts';
import type { AuthEnv } from './middleware.ts';
import { organisationRoutes } from './organisation-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { userRoutes } from './user-routes.ts';

export interface PartiesRoutesDeps {
  auth: HubAuth;
  /** Largest body accepted, in bytes; default 16 KiB. */
  maxBodyBytes?: number;
}

/**
 * @example
 * const auth = await HubAuth.open(store.couch, { audit });
 * app.route('/', partiesRoutes({ auth }));
 */
export function partiesRoutes(deps: PartiesRoutesDeps): Hono<AuthEnv> {
  const maxSize = deps.maxBodyBytes ?? MAX_BODY_BYTES;
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => errorResponse(c, err));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorResponse(
          c,
          new HengError(
            'payload_too_large',
            `body of ${c.req.method} ${c.req.path}: larger than ${maxSize} bytes`,
          ),
        ),
    }),
  );
  app.route('/', sessionRoutes(deps.auth));
  app.route('/', organisationRoutes(deps.auth));
  app.route('/', userRoutes(deps.auth));
  return app;
}
