/**
 * @module The second layer on a real CouchDB: validation design documents generated from the
 * gateway's policy, a CouchDB user per site, and the credentials the gateway forwards with.
 */
export { installSiteValidation, VALIDATION_DDOC_ID, validationDesignDoc } from './design-docs.ts';
export { clearanceRole, EDGE_ROLE, edgeWritesSource, siteUserName } from './edge-writes-source.ts';
export {
  type EdgeForwarding,
  SiteSecurity,
  type SiteSecurityOptions,
} from './site-security.ts';
export { siteUserDocId } from './site-users.ts';
