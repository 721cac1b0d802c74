/**
 * @module The records an app runner reads and writes: install records, packages, trusted keys
 * and revocations written by the hub, and the status reports the runner writes back. Each place
 * gives its own store: PouchDB at an edge, CouchDB through nano at the hub.
 */

/** A document with its id, and its revision once stored. */
export interface StoredDoc {
  _id: string;
  _rev?: string;
}

/** What an {@link AppRunner} needs of the database it follows. */
export interface AppRecords {
  /** The document, or undefined when it does not exist or was deleted. */
  get<T>(id: string): Promise<T | undefined>;
  /** Every live document whose id starts with `prefix` (e.g. `trust/`), in id order. */
  allWithPrefix<T>(prefix: string): Promise<T[]>;
  /** An attachment's bytes, or undefined while its document or attachment is not there. */
  attachment(id: string, name: string): Promise<Uint8Array | undefined>;
  /** Creates or updates (with `_rev`) a document. */
  put(doc: StoredDoc & Record<string, unknown>): Promise<void>;
  /**
   * Calls `onChange` with the id of every document changed from the database's beginning on,
   * until the returned handle is cancelled.
   */
  follow(onChange: (id: string) => void): { cancel(): void | Promise<void> };
}
