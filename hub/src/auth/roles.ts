/**
 * @module The roles → abilities matrix, in one table, and the questions asked of it: what may
 * this principal do, may it do it at this site, and which data classes may it read.
 */
import type { DataClass } from '@heng/schemas';
import { type Ability, cleared, DATA_CLASSES, type Principal, type Role } from './types.ts';

/** Every ability, for the administrator's row and for tests. */
export const ABILITIES: readonly Ability[] = [
  'sites:read',
  'sites:write',
  'devices:read',
  'telemetry:read',
  'events:read',
  'commands:write',
  'catalog:read',
  'catalog:publish',
  'catalog:revoke',
  'installs:read',
  'installs:write',
  'audit:read',
  'parties:read',
  'parties:write',
  'sync',
];

const WATCH: readonly Ability[] = ['sites:read', 'devices:read', 'telemetry:read', 'events:read'];

/**
 * What each role may do. The administrator may do everything a person may; `sync` is not a
 * person's act: it is a site's edge replicating its own databases, bound to that one site.
 */
export const ROLE_ABILITIES: Readonly<Record<Role, readonly Ability[]>> = {
  administrator: ABILITIES.filter((a) => a !== 'sync'),
  operator: [...WATCH, 'commands:write', 'installs:read'],
  technician: [...WATCH, 'commands:write'], // at its organisation's sites only: see mayActAtSite
  vendor: ['catalog:read', 'catalog:publish'],
  viewer: [...WATCH, 'catalog:read'], // public data only: see ROLE_CLEARANCE_CEILING
  edge: ['sync'],
};

/**
 * The most sensitive class a role can ever read, whatever clearance its holder was given:
 * a viewer reads public data only. A principal's clearance is its own, capped by the highest
 * ceiling among its roles.
 */
export const ROLE_CLEARANCE_CEILING: Readonly<Record<Role, DataClass>> = {
  administrator: 'secret',
  operator: 'secret',
  technician: 'secret',
  vendor: 'public',
  viewer: 'public',
  edge: 'secret',
};

/** Roles whose abilities at a site hold only where the site belongs to their organisation. */
export const ORGANISATION_BOUND_ROLES: ReadonlySet<Role> = new Set(['technician']);

/** The union of the roles' abilities. */
export function abilitiesOf(roles: readonly Role[]): Set<Ability> {
  return new Set(roles.flatMap((role) => ROLE_ABILITIES[role] ?? []));
}

/** Whether the principal's roles grant the ability (anywhere, for organisation-bound roles). */
export function can(principal: Pick<Principal, 'roles'>, ability: Ability): boolean {
  return principal.roles.some((role) => ROLE_ABILITIES[role]?.includes(ability));
}

/** A place as the access rule sees it: a registered site's record, or the hub itself. */
export interface PlaceFacts {
  id: string;
  /** The organisation id the site belongs to; none for the hub. */
  organisation?: string | undefined;
  /** The site's data class (missing: internal). */
  dataClass?: DataClass | undefined;
}

/**
 * What a principal may do at a place: `allowed`; `denied` (it sees the place, but no role of its
 * grants `ability` there: 403); or `hidden` (the place does not exist for it: the same 404 as a
 * place that does not exist). The one rule for every route of a site, REST and live feed alike:
 *
 * - a place is seen when the principal is cleared for its data class and holds `sites:read`
 *   there (an edge: its own site only);
 * - a role that is not organisation-bound holds its abilities at every place it sees; a
 *   technician's hold only where the site's `organisation` (an id) is its own, so never at the hub.
 */
export function siteAccess(
  principal: Principal,
  ability: Ability,
  place: PlaceFacts | undefined,
): 'allowed' | 'denied' | 'hidden' {
  if (!place || !cleared(principal.clearance, place.dataClass)) return 'hidden';
  if (principal.kind === 'edge') {
    if (principal.site !== place.id) return 'hidden';
    return can(principal, ability) ? 'allowed' : 'denied';
  }
  if (!holdsAt(principal, 'sites:read', place)) return 'hidden';
  return holdsAt(principal, ability, place) ? 'allowed' : 'denied';
}

/** Whether the principal may use `ability` at a place: {@link siteAccess} is `allowed`. */
export function mayActAtSite(
  principal: Principal,
  ability: Ability,
  place: PlaceFacts | undefined,
): boolean {
  return siteAccess(principal, ability, place) === 'allowed';
}

function holdsAt(principal: Principal, ability: Ability, place: PlaceFacts): boolean {
  return principal.roles.some(
    (role) =>
      ROLE_ABILITIES[role]?.includes(ability) &&
      (!ORGANISATION_BOUND_ROLES.has(role) ||
        (place.organisation !== undefined && place.organisation === principal.organisation)),
  );
}

/** The clearance a person holds: their own, capped by the highest ceiling of their roles. */
export function effectiveClearance(roles: readonly Role[], clearance: DataClass): DataClass {
  const ceiling = roles
    .map((role) => DATA_CLASSES.indexOf(ROLE_CLEARANCE_CEILING[role] ?? 'public'))
    .reduce((a, b) => Math.max(a, b), 0);
  return DATA_CLASSES[Math.min(ceiling, DATA_CLASSES.indexOf(clearance))] ?? 'public';
}

/** Whether the principal may read data of this class (missing class: internal). */
export function mayRead(principal: Pick<Principal, 'clearance'>, dataClass?: DataClass): boolean {
  return cleared(principal.clearance, dataClass);
}
