/**
 * @module Test fixture: app records over a Map, behaving as the edge's PouchDB and the hub's
 * CouchDB do where the runner can tell: revisions and conflicts, deletions, attachments read back
 * as stubs, and a changes feed from the beginning (each live document once, in the order of its
 * last change) that goes on live and tells asynchronously.
 */
import { HengError } from '@heng/schemas';
import type { AppRecords, StoredDoc } from './records.ts';

type Doc = StoredDoc & Record<string, unknown>;

interface Row {
  seq: number;
  rev: number;
  doc?: Doc;
  attachments: Map<string, { contentType: string; data: Uint8Array }>;
}

type Watcher = (doc: Doc | undefined) => void;

// Documents are JSON in the database: what is not JSON (undefined, a Uint8Array) does not survive.
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class MemoryRecords implements AppRecords {
  readonly #rows = new Map<string, Row>();
  readonly #feeds = new Set<(id: string) => void>();
  readonly #watchers = new Map<string, Set<Watcher>>();
  #seq = 0;

  async get<T>(id: string): Promise<T | undefined> {
    const row = this.#rows.get(id);
    if (!row?.doc) return undefined;
    const doc: Doc = { ...copy(row.doc), _rev: `${row.rev}-memory` };
    if (row.attachments.size > 0) {
      // As PouchDB and CouchDB answer a plain get: stubs, not the data.
      doc._attachments = Object.fromEntries(
        [...row.attachments].map(([name, a]) => [
          name,
          { content_type: a.contentType, length: a.data.length, stub: true },
        ]),
      );
    }
    return doc as T;
  }

  async allWithPrefix<T>(prefix: string): Promise<T[]> {
    const ids = [...this.#rows.keys()].filter((id) => id.startsWith(prefix)).sort();
    const docs: T[] = [];
    for (const id of ids) {
      const doc = await this.get<T>(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  async attachment(id: string, name: string): Promise<Uint8Array | undefined> {
    const row = this.#rows.get(id);
    const data = row?.doc ? row.attachments.get(name)?.data : undefined;
    return data && new Uint8Array(data);
  }

  /** Creates (without `_rev`) or updates (with the current `_rev`) a document, or conflicts. */
  async put(doc: Doc): Promise<void> {
    const row = this.#rows.get(doc._id);
    const current = row?.doc ? `${row.rev}-memory` : undefined;
    if (doc._rev !== current) {
      throw new HengError(
        'conflict',
        `document ${doc._id}: revision ${doc._rev} is not the current one (${current})`,
      );
    }
    const { _rev, _attachments, ...body } = doc;
    // As in PouchDB: a put keeps the attachments it names as stubs, and drops the others.
    const kept = Object.keys((_attachments ?? {}) as Record<string, unknown>);
    const attachments = new Map([...(row?.attachments ?? [])].filter(([n]) => kept.includes(n)));
    const next: Row = {
      seq: ++this.#seq,
      rev: (row?.rev ?? 0) + 1,
      doc: copy(body) as Doc,
      attachments,
    };
    this.#store(doc._id, next);
  }

  follow(onChange: (id: string) => void): { cancel(): void } {
    const feed = (id: string) => queueMicrotask(() => this.#feeds.has(feed) && onChange(id));
    this.#feeds.add(feed);
    const since0 = [...this.#rows].sort(([, a], [, b]) => a.seq - b.seq);
    for (const [id] of since0) feed(id);
    return { cancel: () => void this.#feeds.delete(feed) };
  }

  /** Resolves once every change written so far has been told to the feeds that follow. */
  delivered(): Promise<void> {
    // The feeds are told in microtasks queued at each write: this one runs after them.
    return new Promise((resolve) => queueMicrotask(resolve));
  }

  // ── What a test does to the records, as the hub's replication would ──────────────────────

  /** Writes `doc` over whatever revision is there, as a replicated winning revision would. */
  async write<T extends { _id: string }>(doc: T): Promise<void> {
    const existing = await this.get<Doc>(doc._id);
    await this.put({ ...doc, _rev: existing?._rev });
  }

  /** Writes a document with its attachment in one revision (as PouchDB's inline attachments). */
  async writeWithAttachment<T extends { _id: string }>(
    doc: T,
    name: string,
    data: Uint8Array,
    contentType = 'application/octet-stream',
  ): Promise<void> {
    const row = this.#rows.get(doc._id);
    const attachments = new Map(row?.attachments);
    attachments.set(name, { contentType, data: new Uint8Array(data) });
    this.#store(doc._id, {
      seq: ++this.#seq,
      rev: (row?.rev ?? 0) + 1,
      doc: copy(doc) as Doc,
      attachments,
    });
  }

  /** Deletes a document (a tombstone: the feed tells of it, reads no longer find it). */
  async remove(id: string): Promise<void> {
    const row = this.#rows.get(id);
    if (!row?.doc) return;
    this.#store(id, { seq: ++this.#seq, rev: row.rev + 1, attachments: new Map() });
  }

  /**
   * Resolves with the document `id` once it satisfies `test` (at once if it already does): the
   * records' own change event, so a test waits for what it expects, not for a time.
   */
  until<T>(id: string, test: (doc: T) => boolean): Promise<T> {
    return new Promise((resolve) => {
      const watcher: Watcher = (doc) => {
        if (doc && test(doc as T)) {
          this.#watchers.get(id)?.delete(watcher);
          resolve(copy(doc) as T);
        }
      };
      const watchers = this.#watchers.get(id) ?? new Set();
      this.#watchers.set(id, watchers.add(watcher));
      watcher(this.#rows.get(id)?.doc);
    });
  }

  #store(id: string, row: Row): void {
    this.#rows.set(id, row);
    for (const watcher of [...(this.#watchers.get(id) ?? [])]) watcher(row.doc);
    for (const feed of this.#feeds) feed(id);
  }
}
