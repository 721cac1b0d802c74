/**
 * @module Cross-site request forgery, refused: a state-changing request that a browser sends from
 * a page of another origin (another site, or the same host on another port, which a SameSite
 * cookie does not tell apart) never reaches a route, and a body is JSON (or a route's declared
 * binary type), never one of the types a page can send without the browser asking first.
 */
import { HengError } from '@heng/schemas';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuditTally } from '../../audit/tally.ts';
import { errorResponse } from './error-response.ts';
import { routeOf } from './route-of.ts';

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/;

/** Body types the API reads: JSON, and a package's bytes. A form or text/plain is refused. */
const BODY_TYPES = /^application\/(json|octet-stream)\s*(;|$)/i;

export interface SameOriginOptions {
  /**
   * Origins the hub is also reached at, beside the request's own (scheme, host and port of the
   * URL it was asked for): e.g. `https://hub.example.org` behind a TLS-terminating proxy.
   */
  origins?: readonly string[];
  /** Where refusals are counted (action `auth.origin`), by route and origin. */
  tally?: Pick<AuditTally, 'count'>;
}

/** Whether the request is a write (anything but GET, HEAD and OPTIONS). */
export function isWrite(c: Context): boolean {
  return !SAFE_METHODS.test(c.req.method);
}

/** The origins this request may come from: its own, and the configured ones. */
function ownOrigins(c: Context, options: SameOriginOptions): Set<string> {
  return new Set([new URL(c.req.url).origin, ...(options.origins ?? [])]);
}

async function refused(c: Context, why: string, options: SameOriginOptions): Promise<Response> {
  await options.tally?.count({
    actor: 'anonymous',
    action: 'auth.origin',
    target: routeOf(c),
    outcome: 'refused',
    detail: {
      origin: c.req.header('origin') ?? null,
      secFetchSite: c.req.header('sec-fetch-site') ?? null,
    },
  });
  return errorResponse(
    c,
    new HengError('permission_denied', `${c.req.method} ${c.req.path}: ${why}`),
  );
}

/**
 * For every write: an `Origin` header, when sent, must be the hub's own origin compared whole
 * (scheme, host, port), and `Sec-Fetch-Site`, when sent, must be `same-origin`; a body must be
 * `application/json` (or `application/octet-stream`, which only the package upload reads). Clients
 * that are not browsers send neither header and authenticate with a bearer token; a write that a
 * session cookie authenticates must carry one of them (see {@link cookieWriteHasOrigin}).
 *
 * Not `hono/csrf`: it checks only requests whose content type a form can send, and lets every
 * JSON request through unchecked; here every write is checked.
 */
export function sameOriginWrites(options: SameOriginOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    if (!isWrite(c)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !ownOrigins(c, options).has(origin))
      return refused(
        c,
        `a write from origin ${origin} is refused: only the hub's own pages may write`,
        options,
      );
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin')
      return refused(
        c,
        `a write with Sec-Fetch-Site ${site} is refused: only same-origin`,
        options,
      );
    const type = c.req.header('content-type');
    const hasBody =
      Number(c.req.header('content-length') ?? 0) > 0 ||
      c.req.header('transfer-encoding') !== undefined;
    if ((hasBody || type !== undefined) && !BODY_TYPES.test(type ?? ''))
      return errorResponse(
        c,
        new HengError(
          'invalid_input',
          `body of ${c.req.method} ${c.req.path}: expected content-type application/json, got "${type ?? 'none'}"`,
        ),
      );
    await next();
  };
}

/**
 * Whether a write authenticated by the session cookie shows where it comes from: browsers send
 * `Origin` (and `Sec-Fetch-Site`) with every write, so a cookie write without either did not come
 * from the hub's pages. ({@link sameOriginWrites} has already refused a foreign one.)
 */
export function cookieWriteHasOrigin(c: Context): boolean {
  return (
    !isWrite(c) ||
    c.req.header('origin') !== undefined ||
    c.req.header('sec-fetch-site') !== undefined
  );
}
