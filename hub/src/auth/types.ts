/**
 * @module Who is asking: the principals, roles, abilities and clearances every hub route and the
 * sync gateway decide on. Written first, so that the API, the gateway, the catalog and the audit
 * log agree.
 */
import type { DataClass } from '@heng/schemas';

/** People's roles (hub/README.md, "Parties, tokens and the audit log") and `edge`, the role of a site's token. */
export type Role = 'administrator' | 'operator' | 'technician' | 'vendor' | 'viewer' | 'edge';
export const ROLES: readonly Role[] = [
  'administrator',
  'operator',
  'technician',
  'vendor',
  'viewer',
  'edge',
];

// The classes and the clearance rule are the contracts': re-exported for the hub's callers.
export { cleared, DATA_CLASSES } from '@heng/schemas';

/** What a route needs. One word per kind of act, so a role's powers read as a list. */
export type Ability =
  | 'sites:read'
  | 'sites:write'
  | 'devices:read'
  | 'telemetry:read'
  | 'events:read'
  | 'commands:write'
  | 'catalog:read'
  | 'catalog:publish'
  | 'catalog:revoke'
  | 'installs:read'
  | 'installs:write'
  | 'audit:read'
  | 'parties:read'
  | 'parties:write'
  | 'sync';

/** An authenticated caller: a person (by a session or API token) or a site's edge. */
export interface Principal {
  kind: 'user' | 'edge';
  /** A user's id, or the site id for an edge. */
  id: string;
  roles: Role[];
  /** The organisation the user belongs to (an edge: the site's organisation). */
  organisation?: string;
  /** The most sensitive data class this principal may see. */
  clearance: DataClass;
  /** For an edge: the only site whose databases it may reach. */
  site?: string;
}

/** Resolves a bearer token to its principal, or null when it is unknown, expired or revoked. */
export interface Authenticator {
  authenticate(token: string): Promise<Principal | null>;
}
