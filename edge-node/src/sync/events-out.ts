/**
 * @module Events raised at the edge go into the control database as immutable `event/<ts>/<id>`
 * documents, so they reach the hub with the next replication (or when the link is back). Every
 * event goes, whatever its data class: the edge is the site's own. Each carries its `dataClass`,
 * so the hub shows it only to those cleared for it.
 */
import { type EventBus, eventDocId } from '@heng/core';
import { assertDocument, type HengEvent } from '@heng/schemas';

export interface EventsOutOptions {
  bus: EventBus;
  control: PouchDB.Database;
  site: string;
  /** Told when an event could not be stored (the event itself went to its local subscribers). */
  onError?: (error: Error, event: Readonly<HengEvent>) => void;
}

/**
 * Subscribes to every topic and writes each event once. Returns the subscription's disposer and
 * a way to wait for the writes under way (tests, shutdown).
 */
export function writeEventsToControl(options: EventsOutOptions): {
  idle(): Promise<void>;
  dispose(): Promise<void>;
} {
  const { bus, control, site } = options;
  let writing: Promise<unknown> = Promise.resolve();
  const subscription = bus.subscribe('#', (event) => {
    const doc = {
      ...event,
      site: event.site ?? site,
      // The schema requires it; an event that slipped through without one is `internal`, as the
      // hub's gateway also reads a missing class.
      dataClass: event.dataClass ?? 'internal',
      type: 'event' as const,
      _id: eventDocId(event),
    };
    const put = Promise.resolve()
      .then(() => assertDocument('event', doc, doc._id))
      .then(() => control.put(doc))
      .catch((error: Error & { status?: number }) => {
        // Written already (the same event delivered again): events are immutable, keep the first.
        if (error.status === 409) return;
        options.onError?.(error, event);
      });
    writing = Promise.all([writing, put]);
    return put.then(() => {});
  });
  return {
    idle: () => writing.then(() => {}),
    async dispose() {
      subscription.dispose();
      await writing;
    },
  };
}
