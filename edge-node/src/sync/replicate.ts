/**
 * @module PouchDB's replication, typed for what the edge uses (the plugin ships no types, and
 * `@types/pouchdb-replication` would pull a second copy of the core types).
 */

/** What PouchDB reports after a batch, and at the end of a one-shot replication. */
export interface ReplicationInfo {
  last_seq?: number | string;
  docs_written?: number;
  /** Documents still to come, where the source's changes feed tells it (CouchDB 2+). */
  pending?: number;
}

/** A running replication: an event emitter that can be cancelled. */
export interface Replication {
  on(event: 'change' | 'complete', listener: (info: ReplicationInfo) => void): this;
  on(
    event: 'paused' | 'error' | 'denied' | 'requestError',
    listener: (error?: unknown) => void,
  ): this;
  on(event: 'active', listener: () => void): this;
  cancel(): void;
}

export interface ReplicateOptions {
  live: boolean;
  retry: boolean;
  back_off_function: (previous: number) => number;
  batch_size?: number;
}

interface Replicable {
  replicate: {
    to(target: PouchDB.Database, options: ReplicateOptions): Replication;
    from(source: PouchDB.Database, options: ReplicateOptions): Replication;
  };
}

/** Replicates `local` to `remote` (push) or `remote` to `local` (pull). */
export function replicate(
  direction: 'push' | 'pull',
  local: PouchDB.Database,
  remote: PouchDB.Database,
  options: ReplicateOptions,
): Replication {
  const { replicate: r } = local as unknown as Replicable;
  return direction === 'push' ? r.to(remote, options) : r.from(remote, options);
}
