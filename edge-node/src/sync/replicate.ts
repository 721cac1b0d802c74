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
  /** Ours, emitted as PouchDB arms its retry timer: the wait in ms before it tries again. */
  on(event: 'backoff', listener: (waitMs: number) => void): this;
  emit(event: 'backoff', waitMs: number): boolean;
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

/**
 * Replicates `local` to `remote` (push) or `remote` to `local` (pull). The replication emits
 * `backoff` with the wait each time PouchDB arms its retry timer (it calls the backoff function
 * just before), since its `cancel()` does not clear that timer: who cancels then knows that
 * nothing will happen until the timer fires.
 */
export function replicate(
  direction: 'push' | 'pull',
  local: PouchDB.Database,
  remote: PouchDB.Database,
  options: ReplicateOptions,
): Replication {
  const { replicate: r } = local as unknown as Replicable;
  const backOff = options.back_off_function;
  const told = {
    ...options,
    back_off_function: (previous: number) => {
      const wait = backOff(previous);
      replication.emit('backoff', wait);
      return wait;
    },
  };
  const replication = direction === 'push' ? r.to(remote, told) : r.from(remote, told);
  return replication;
}
