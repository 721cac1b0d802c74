/**
 * @module Hono middleware: who is asking (a bearer token, or the shell's `heng_session` cookie)
 * and whether they may. Both refusals are answered and audited here, so no route forgets to.
 */
import { HengError } from '@heng/schemas';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuditTally } from '../../audit/tally.ts';
import type { AuditLog } from '../../audit/types.ts';
import { actorOf } from '../hub-auth.ts';
import { can } from '../roles.ts';
import type { Ability, Authenticator, Principal } from '../types.ts';
import { errorResponse } from './error-response.ts';
import { routeOf } from './route-of.ts';
import { cookieWriteHasOrigin } from './same-origin.ts';

/** The cookie the shell signs in with: HttpOnly, SameSite=Strict, set by POST /api/auth/login. */
export const SESSION_COOKIE = 'heng_session';

/** What the auth middleware puts on the context. */
export interface AuthVariables {
  principal: Principal;
  /** The token the request came with; for logout only, never to be logged. */
  token: string;
  audit: AuditLog;
}
export type AuthEnv = { Variables: AuthVariables };
/** Any Hono env that carries the principal, such as the hub's `HubEnv`. */
export type PrincipalEnv = { Variables: { principal: Principal } };

/** The bearer token of a request: the Authorization header first, else the session cookie. */
export function tokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  return getCookie(c, SESSION_COOKIE);
}

function target(c: Context): string {
  return `${c.req.method} ${c.req.path}`;
}

/**
 * Authenticates every request it guards: 401 with `WWW-Authenticate: Bearer` when the token is
 * missing, unknown, expired or revoked; else the principal is on `c.var.principal`.
 */
export function authMiddleware<E extends PrincipalEnv = AuthEnv>(
  authenticator: Authenticator,
  options: {
    audit: AuditLog;
    /** Counts anonymous refusals by route, a window at a time, instead of one entry each. */
    tally?: Pick<AuditTally, 'count'>;
  },
): MiddlewareHandler<E> {
  return async (context, next) => {
    const c = context as unknown as Context<AuthEnv>;
    const token = tokenOf(c);
    // A write the session cookie would authenticate must show it comes from the hub's pages.
    if (token && c.req.header('authorization') === undefined && !cookieWriteHasOrigin(c)) {
      await options.tally?.count({
        actor: 'anonymous',
        action: 'auth.origin',
        target: routeOf(c),
        outcome: 'refused',
        detail: { origin: null, secFetchSite: null, cookie: true },
      });
      return errorResponse(
        c,
        new HengError(
          'permission_denied',
          `${target(c)}: a write signed in by the session cookie must carry Origin (browsers send it); scripts send Authorization: Bearer`,
        ),
      );
    }
    const principal = token ? await authenticator.authenticate(token) : null;
    if (!token || !principal) {
      const reason = token ? 'unknown, expired or revoked token' : 'no token';
      const refusal = {
        actor: 'anonymous',
        action: 'auth.authenticate',
        outcome: 'refused' as const,
        detail: { reason },
      };
      if (options.tally) await options.tally.count({ ...refusal, target: routeOf(c) });
      else await options.audit.append({ ...refusal, target: target(c) });
      return errorResponse(
        c,
        new HengError(
          'unauthenticated',
          `${target(c)}: ${token ? 'the token is unknown, expired or revoked' : 'sign in first: send Authorization: Bearer <token>'}`,
        ),
      );
    }
    c.set('principal', principal);
    c.set('token', token);
    c.set('audit', options.audit);
    await next();
  };
}

/**
 * 403, audited, unless the principal's roles grant the ability. Use after authMiddleware, which
 * puts the audit log on the context, or give the log here.
 */
export function requireAbility<E extends PrincipalEnv = AuthEnv>(
  ability: Ability,
  options: { audit?: AuditLog } = {},
): MiddlewareHandler<E> {
  return async (context, next) => {
    const c = context as unknown as Context<AuthEnv>;
    const principal = c.var.principal;
    if (!can(principal, ability)) {
      const audit = options.audit ?? (c.var as Partial<AuthVariables>).audit;
      if (!audit)
        throw new HengError(
          'internal',
          `requireAbility(${ability}): no audit log to record the refusal`,
        );
      await audit.append({
        actor: actorOf(principal),
        action: 'auth.authorise',
        target: target(c),
        outcome: 'refused',
        detail: { ability },
      });
      return errorResponse(
        c,
        new HengError(
          'permission_denied',
          `${target(c)} needs the ability ${ability}, which ${actorOf(principal)}'s roles do not grant`,
        ),
      );
    }
    await next();
  };
}
