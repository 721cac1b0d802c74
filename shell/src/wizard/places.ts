/**
 * @module Where a catalog package may be installed, from its manifest's `runsOn`: at the hub
 * (`hub`), at field sites (`edge`), or both; and how a place is named to people.
 */
import { HUB_PLACE, isHubPlace } from '../api/index.ts';
import { t } from '../i18n/index.ts';
import type { CatalogEntry } from './install-request.ts';
import './wizard-messages.ts';

/** The places a package may run. */
export interface Places {
  hub: boolean;
  edge: boolean;
}

/**
 * Where `pkg` runs. An entry without `runsOn` (none is published so, but the field is optional in
 * the shell's type) is taken to run at the edge, as every package did before hub apps.
 */
export function placesOf(pkg: Pick<CatalogEntry, 'runsOn'>): Places {
  const runsOn = pkg.runsOn ?? ['edge'];
  return { hub: runsOn.includes(HUB_PLACE), edge: runsOn.includes('edge') };
}

/** A place in words: "the hub" for the hub, a site's id as it is. */
export function placeName(place: string): string {
  return isHubPlace(place) ? t('wizard.place.hub-name') : place;
}

/** Places in words, the hub first. */
export function placeNames(places: Iterable<string>): string {
  const all = [...places];
  return [...all.filter(isHubPlace), ...all.filter((p) => !isHubPlace(p))]
    .map(placeName)
    .join(', ');
}

/** What an accepted install says: sites pull it at their next sync, the hub starts it now. */
export function installedWords(places: readonly string[]): string {
  const sites = places.filter((p) => !isHubPlace(p));
  return [
    places.some(isHubPlace) ? t('wizard.installed-hub') : '',
    sites.length ? t('wizard.installed', { sites: sites.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}
