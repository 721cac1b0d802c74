/** @module A site's installed apps: state from the hub and the edge, and their lifecycle. */
export {
  type AppAction,
  type AppStatus,
  listSiteApps,
  runAppAction,
  type SiteApp,
  setAutoRollback,
} from './app-actions.ts';
export { HengSiteApps } from './site-apps-view.ts';
