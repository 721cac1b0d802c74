/** @module The sites overview. */
export { OverviewView } from './overview-view.ts';
export { type Health, healthOf, progressOf, type SiteRow } from './site-health.ts';
