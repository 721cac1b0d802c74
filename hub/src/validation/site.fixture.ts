/**
 * @module Test fixture: site ids unique per run, so tests against a shared CouchDB never meet
 * another run's sites, users or databases.
 */

/** A site id the hub accepts, unique to this call. */
export function uniqueSiteId(stem = 's'): string {
  return `${stem}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
