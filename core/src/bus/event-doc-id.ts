/** @module Where an event is kept as a document (a site's control database, the hub's own). */
import type { HengEvent } from './types.ts';

/** `event/<ts>/<id>`: sorted by time, unique by the event's id. Edges and the hub name events so. */
export function eventDocId(event: Pick<HengEvent, 'ts' | 'id'>): string {
  return `event/${event.ts}/${event.id}`;
}
