/**
 * @module Where an app runs, as the hub's API names it: a site's id, or the place `hub` for apps
 * that run in the hub process (`POST /api/installs` with `sites: ["hub"]`, `/api/sites/hub/apps`).
 * The hub refuses to register a site called `hub`, so the two never meet.
 */

/** The place of apps that run at the hub, where a site id goes in the hub's API. */
export const HUB_PLACE = 'hub';

/** Whether `place` is the hub rather than a field site. */
export function isHubPlace(place: string | undefined): boolean {
  return place === HUB_PLACE;
}
