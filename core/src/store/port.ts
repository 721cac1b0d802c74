/**
 * @module The storage port a plugin's `storage` API reaches: a small key/value store scoped to
 * one plugin, whatever database sits behind it.
 */

/** Plain JSON, as stored and returned. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** One stored entry, as `list` returns it. */
export interface StorageEntry {
  key: string;
  value: JsonValue;
}

export interface ListOptions {
  /** Most entries to return, 1..1000; 100 when not given. */
  limit?: number;
}

/**
 * A key/value store scoped to one plugin. Keys are 1..256 characters without control
 * characters; values are JSON. Implementations reject anything else with a ValidationError.
 */
export interface StoragePort {
  /** The value under `key`, or undefined. */
  get(key: string): Promise<JsonValue | undefined>;
  /** Stores `value` under `key`, replacing what was there. */
  put(key: string, value: JsonValue): Promise<void>;
  /** Removes `key`; true when there was something to remove. */
  delete(key: string): Promise<boolean>;
  /** Entries whose key starts with `prefix`, in key order. */
  list(prefix?: string, options?: ListOptions): Promise<StorageEntry[]>;
  /** Bytes used: the UTF-8 length of every key plus its JSON value. */
  usage(): Promise<number>;
}
