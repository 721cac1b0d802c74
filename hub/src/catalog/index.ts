/**
 * @module The app catalog and installs at the hub: trusted vendor keys, signed packages,
 * installs at sites with consent, their lifecycle, revocations and automatic rollback.
 */
export { ConsentRequiredError, requireExactConsent, requireUpgradeConsent } from './consent.ts';
export { type Actor, actorOf, type CatalogDeps, HUB_ACTOR } from './context.ts';
export * from './documents.ts';
export { shownInstall } from './install.ts';
export { CATALOG_OPERATIONS } from './operations.ts';
export {
  asksForMore,
  describeDiff,
  diffPermissions,
  type PermissionDiff,
  type ScopeChange,
  samePower,
} from './permission-diff.ts';
export type { RevocationResult } from './revoke.ts';
export { type CatalogRoutesDeps, catalogRoutes } from './routes.ts';
export { Catalog } from './service.ts';
export { type AutoRollbackOutcome, type SiteApp, shownStatus } from './site-apps.ts';
