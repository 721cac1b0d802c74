/**
 * @module The few document operations the catalog makes, over nano, with store failures turned
 * into HengErrors that say which document in which database.
 */
import type nano from 'nano';
import { type Couch, couchStatus, storeError } from '../couch/index.ts';

/** One database of the store, by name, with the catalog's reads and writes. */
export class DocStore {
  readonly name: string;
  readonly #db: nano.DocumentScope<unknown>;

  constructor(couch: Couch, name: string) {
    this.name = name;
    this.#db = couch.db(name);
  }

  /** The document, or undefined when there is none (deleted counts as none). */
  async get<T>(id: string): Promise<(T & { _id: string; _rev: string }) | undefined> {
    try {
      return (await this.#db.get(id)) as T & { _id: string; _rev: string };
    } catch (err) {
      if (couchStatus(err) === 404) return undefined;
      throw storeError(err, `read ${id} in ${this.name}`);
    }
  }

  /** Every document whose id starts with `prefix`, in id order. */
  async list<T>(prefix: string): Promise<Array<T & { _id: string; _rev: string }>> {
    try {
      const result = await this.#db.list({
        startkey: prefix,
        endkey: `${prefix}\ufff0`,
        include_docs: true,
      });
      return result.rows.flatMap((row) =>
        row.doc ? [row.doc as unknown as T & { _id: string; _rev: string }] : [],
      );
    } catch (err) {
      throw storeError(err, `list ${prefix}… in ${this.name}`);
    }
  }

  /** Writes `doc` as `id` (an update when `doc._rev` is set); a stale `_rev` is a conflict. */
  async put(id: string, doc: object): Promise<string> {
    try {
      return (await this.#db.insert({ ...doc, _id: id } as nano.MaybeDocument)).rev;
    } catch (err) {
      throw storeError(err, `write ${id} in ${this.name}`);
    }
  }

  /** Deletes the document at `rev`. */
  async remove(id: string, rev: string): Promise<void> {
    try {
      await this.#db.destroy(id, rev);
    } catch (err) {
      throw storeError(err, `delete ${id} in ${this.name}`);
    }
  }

  /** The bytes of one attachment. */
  async attachment(id: string, name: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await this.#db.attachment.get(id, name));
    } catch (err) {
      throw storeError(err, `read ${id}/${name} in ${this.name}`);
    }
  }
}
