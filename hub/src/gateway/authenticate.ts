/**
 * @module Who is replicating: the edge's bearer token resolved to a principal, which must be a
 * site's edge and may reach only its own site.
 */
import { HengError } from '@heng/schemas';
import type { Authenticator, Principal } from '../auth/types.ts';
import { forbidden } from './errors.ts';

/** An edge principal: the site it may reach is known. */
export type EdgePrincipal = Principal & { site: string };

/** The token of `Authorization: Bearer <token>`, or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

/** Resolves the request's token; `unauthenticated` when it is missing, unknown, expired or revoked. */
export async function authenticate(
  authenticator: Authenticator,
  header: string | undefined,
  where: string,
): Promise<Principal> {
  const token = bearerToken(header);
  if (!token)
    throw new HengError(
      'unauthenticated',
      `${where}: send the site's edge token as "Authorization: Bearer <token>"`,
    );
  const principal = await authenticator.authenticate(token);
  // One message for unknown, expired and revoked: the caller learns nothing about which.
  if (!principal)
    throw new HengError('unauthenticated', `${where}: the token is unknown, expired or revoked`);
  return principal;
}

/** Checks that `principal` is the edge of `site`; `permission_denied` otherwise. */
export function requireEdgeOf(principal: Principal, site: string, where: string): EdgePrincipal {
  if (principal.kind !== 'edge' || !principal.roles.includes('edge') || !principal.site)
    throw forbidden(`${where}: only a site's edge token may replicate`);
  if (principal.site !== site)
    throw forbidden(
      `${where}: the token of site "${principal.site}" may reach only that site's databases`,
    );
  return principal as EdgePrincipal;
}
