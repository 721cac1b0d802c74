/**
 * @module /api/auth/login, /api/auth/logout and /api/me: signing in and out, and who am I.
 */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { checkBody, readJson } from '../../api/http.ts';
import type { JsonBodyLimits } from '../../api/json-body.ts';
import { HUB_PLACE_FACTS } from '../../api/site-access.ts';
import type { HubAuth } from '../hub-auth.ts';
import { abilitiesOf, siteAccess } from '../roles.ts';
import { SESSION_TTL_MS } from '../token-store.ts';
import type { Principal } from '../types.ts';
import { clientAddress } from './client-address.ts';
import { type AuthEnv, authMiddleware, SESSION_COOKIE } from './middleware.ts';

/**
 * What the principal may do: its abilities, and those that hold at the hub as a place (`atHub`:
 * none of a technician's, whose abilities hold at its organisation's sites only), so the shell
 * offers only what the hub will answer.
 */
function mayDo(principal: Principal) {
  const abilities = [...abilitiesOf(principal.roles)];
  return {
    abilities,
    atHub: abilities.filter((a) => siteAccess(principal, a, HUB_PLACE_FACTS) === 'allowed'),
  };
}

export function sessionRoutes(auth: HubAuth, limits: JsonBodyLimits): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const signedIn = authMiddleware(auth.authenticator, { audit: auth.audit, tally: auth.tally });

  app.post('/api/auth/login', async (c) => {
    const body = checkBody('login', await readJson(c, limits), 'body of POST /api/auth/login');
    const session = await auth.login(body.user, body.password, { address: clientAddress(c) });
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({
      token: session.token,
      expiresAt: session.expiresAt,
      principal: session.principal,
      ...mayDo(session.principal),
    });
  });

  app.post('/api/auth/logout', signedIn, async (c) => {
    await auth.logout(c.var.token, c.var.principal);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/api/me', signedIn, (c) =>
    c.json({ principal: c.var.principal, ...mayDo(c.var.principal) }),
  );

  return app;
}
