/**
 * @module The one check in front of every route of a site: the place is found, and the caller's
 * roles, organisation and clearance are weighed by `siteAccess` (auth/roles.ts). Registered by
 * the app for every operation of the route table whose path names a place, so a new route of a
 * site is checked without anyone remembering to.
 */
import { HengError, NotFoundError } from '@heng/schemas';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AuditLog } from '../audit/types.ts';
import { requireAbility } from '../auth/http/middleware.ts';
import { actorOf } from '../auth/hub-auth.ts';
import { type PlaceFacts, siteAccess } from '../auth/roles.ts';
import type { Ability, Principal } from '../auth/types.ts';
import { HUB_PLACE } from '../couch/names.ts';
import type { HubEnv } from './env.ts';
import { errorResponse } from './http.ts';
import type { Operation } from './openapi.ts';

/**
 * The hub as a place: its own apps (`/api/sites/hub/apps/…`, `/api/sites/hub/crashes`) and the
 * events its plugins raise (`/api/hub/events`). It belongs to no organisation, so a technician
 * acts nowhere there; the place itself is public, and what it holds carries its own class.
 */
export const HUB_PLACE_FACTS: PlaceFacts = { id: HUB_PLACE, dataClass: 'public' };

/** Routes of a site that also take the hub as their place. */
const HUB_PLACE_ROUTES = /^\/api\/sites\/:site\/(apps|crashes)(\/|$)/;

/** Where an operation acts: the place named by its `:site` parameter, or the hub; none for the rest. */
export type OperationPlace = { param: 'site'; hub: boolean } | { fixed: typeof HUB_PLACE };

/** The place of an operation of the route table, judged from its path. */
export function placeOf(op: Pick<Operation, 'path'>): OperationPlace | undefined {
  if (op.path.startsWith(`/api/${HUB_PLACE}/`)) return { fixed: HUB_PLACE };
  if (op.path.includes('/sites/:site'))
    return { param: 'site', hub: HUB_PLACE_ROUTES.test(op.path) };
  return undefined;
}

/** The answer for a place the caller may not see: the same as for one that does not exist. */
export function noSuchSite(site: string): NotFoundError {
  return new NotFoundError(`site ${site} is not registered`);
}

export interface PlaceAccessOptions {
  /** A registered site's record, or undefined (the registry's cached `find`). */
  find(site: string): Promise<PlaceFacts | undefined>;
  audit: AuditLog;
}

/** Resolves places and answers whether a principal may act there. */
export class PlaceAccess {
  readonly #o: PlaceAccessOptions;

  constructor(options: PlaceAccessOptions) {
    this.#o = options;
  }

  /** The place's facts: the hub's where `hub` is a place of the route, else the registry's. */
  async facts(site: string, options: { hub: boolean }): Promise<PlaceFacts | undefined> {
    if (site === HUB_PLACE) return options.hub ? HUB_PLACE_FACTS : undefined;
    return this.#o.find(site);
  }

  /**
   * The place when `principal` may use `ability` there; else not_found (a place it may not see,
   * exactly as a missing one) or permission_denied (a place it sees, audited).
   */
  async check(
    principal: Principal,
    ability: Ability,
    site: string,
    options: { hub: boolean; target?: string },
  ): Promise<PlaceFacts> {
    const place = await this.facts(site, options);
    const answer = siteAccess(principal, ability, place);
    if (answer === 'hidden' || !place) throw noSuchSite(site);
    if (answer === 'denied') {
      await this.#o.audit.append({
        actor: actorOf(principal),
        action: 'auth.authorise',
        target: options.target ?? `site/${site}`,
        outcome: 'refused',
        detail: { ability, site },
      });
      throw new HengError(
        'permission_denied',
        `${ability} at site ${site}: none of ${actorOf(principal)}'s roles holds it there`,
      );
    }
    return place;
  }

  /**
   * Middleware for one operation: the ability anywhere first (403, audited by requireAbility),
   * then at the place the operation names.
   */
  guard(ability: Ability, where: OperationPlace): MiddlewareHandler<HubEnv> {
    const anywhere = requireAbility<HubEnv>(ability, { audit: this.#o.audit });
    return async (c, next) => {
      let held = false;
      const refusal = await anywhere(c, async () => {
        held = true;
      });
      if (!held) return refusal ?? undefined;
      const site = 'fixed' in where ? where.fixed : (c.req.param(where.param) ?? '');
      try {
        await this.check(c.get('principal'), ability, site, {
          hub: 'fixed' in where || where.hub,
          target: `${c.req.method} ${c.req.path}`,
        });
      } catch (err) {
        return errorResponse(c, err);
      }
      await next();
    };
  }

  /**
   * Puts the guard in front of every operation of `operations` that acts at a place (paths under
   * `/api`, `api` mounted there). An operation of a place with no ability is a mistake, refused.
   */
  guardRoutes(api: Hono<HubEnv>, operations: readonly Operation[]): void {
    for (const op of operations) {
      const where = placeOf(op);
      if (!where) continue;
      if (!op.ability || op.ability === 'signed-in')
        throw new HengError(
          'internal',
          `${op.method} ${op.path} acts at a place but names no ability`,
        );
      api.on(op.method.toUpperCase(), op.path.replace(/^\/api/, ''), this.guard(op.ability, where));
    }
  }
}
