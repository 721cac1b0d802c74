/**
 * @module The edge's audit trail of plugin host calls: entries are kept as documents in the local
 * database, written in batches so a busy plugin does not turn every call into a disk write.
 */
import type { AuditEntry, AuditSink } from '@heng/core';

export class AuditLog implements AuditSink, AsyncDisposable {
  readonly #db: PouchDB.Database;
  readonly #flushMs: number;
  #waiting: AuditEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #sequence = 0;
  readonly #token = crypto.randomUUID().slice(0, 8);

  constructor(db: PouchDB.Database, flushMs = 1000) {
    this.#db = db;
    this.#flushMs = flushMs;
  }

  record(entry: AuditEntry): void {
    this.#waiting.push(entry);
    this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs);
  }

  /** Writes what waits; settles when it is written. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const entries = this.#waiting;
    this.#waiting = [];
    if (entries.length === 0) return this.#writing;
    const docs = entries.map((entry) => ({
      _id: `audit/${entry.ts}/${this.#token}-${(this.#sequence++).toString(36).padStart(6, '0')}`,
      type: 'audit',
      ...entry,
    }));
    this.#writing = this.#writing.then(async () => {
      await this.#db.bulkDocs(docs);
    });
    return this.#writing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.flush();
  }
}
