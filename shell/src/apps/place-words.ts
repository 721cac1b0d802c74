/**
 * @module The installed-apps texts of one place: a site's edge runs its apps, the hub runs its
 * own, so the words that name who runs them ("At the edge", "No report from the edge yet") come
 * from `apps.hub.*` at the hub and from `apps.*` elsewhere.
 */
import { isHubPlace } from '../api/index.ts';
import { hasMessage, type MessageParams, t } from '../i18n/index.ts';
import './messages.ts';

/** `t()` for the apps view of one place. */
export type PlaceWords = (key: string, params?: MessageParams) => string;

/** The words of the apps at `place`: the hub's own where it has them, else the sites'. */
export function placeWords(place: string): PlaceWords {
  const hub = isHubPlace(place);
  return (key, params) =>
    hub && hasMessage(`apps.hub.${key}`) ? t(`apps.hub.${key}`, params) : t(`apps.${key}`, params);
}
