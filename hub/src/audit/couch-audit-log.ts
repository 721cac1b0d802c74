/**
 * @module The audit log in CouchDB: one document per entry, `audit/<seq>`, each chained to the one
 * before by hash. The id is the entry's place in the chain, so two writers (two hub processes,
 * or two instances) that aim at the same place collide and the loser re-reads the head.
 */
import { type Clock, systemClock } from '@heng/core';
import { HengError } from '@heng/schemas';
import { type Couch, couchStatus, storeError } from '../couch/index.ts';
import { AUDIT_DB } from '../couch/names.ts';
import { AUDIT_PREFIX, auditDocId, entryHash, entryOf, GENESIS_HASH } from './chain.ts';
import { type AuditFilter, type AuditPage, listEntries } from './list.ts';
import { redactSecrets } from './redact.ts';
import type { AuditDoc, AuditEntry, AuditLog, AuditRecord } from './types.ts';
import { type AuditVerification, verifyChain } from './verify.ts';

/** A stored audit entry: the entry and CouchDB's fields. */
export type { AuditDoc } from './types.ts';

export interface CouchAuditLogOptions {
  /** Database name; default `heng-audit`. Tests give each run its own. */
  db?: string;
  clock?: Clock;
}

// Each lost race costs one read; this many in a row means something is wrong, not busy.
const MAX_ATTEMPTS = 100;

/**
 * @example
 * const audit = await CouchAuditLog.open(store.couch);
 * await audit.append({ actor: 'user:admin', action: 'site.register', target: 'site/lighting-01', outcome: 'ok' });
 * (await audit.verify()).ok // true
 */
export class CouchAuditLog implements AuditLog {
  readonly dbName: string;
  readonly #couch: Couch;
  readonly #clock: Clock;
  // Appends from this process run one after another, in call order.
  #queue: Promise<unknown> = Promise.resolve();
  // The last entry this instance wrote or read; dropped when another writer got there first.
  #head: { seq: number; hash: string } | undefined;

  constructor(couch: Couch, options: CouchAuditLogOptions = {}) {
    this.#couch = couch;
    this.dbName = options.db ?? AUDIT_DB;
    this.#clock = options.clock ?? systemClock;
  }

  /** Creates the database if needed and returns the log. */
  static async open(couch: Couch, options: CouchAuditLogOptions = {}): Promise<CouchAuditLog> {
    const log = new CouchAuditLog(couch, options);
    await couch.ensureDb(log.dbName);
    return log;
  }

  append(record: AuditRecord): Promise<AuditEntry> {
    const result = this.#queue.then(() => this.#write(record));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Walks the chain from the first entry; names the first entry altered, removed or reordered. */
  verify(): Promise<AuditVerification> {
    return verifyChain(this.#couch.db<AuditDoc>(this.dbName));
  }

  /** Entries newest first, filtered and paged (`next` is the `before` of the following page). */
  list(filter: AuditFilter = {}): Promise<AuditPage> {
    return listEntries(this.#couch.db<AuditDoc>(this.dbName), filter);
  }

  async #write(record: AuditRecord): Promise<AuditEntry> {
    const db = this.#couch.db<AuditDoc>(this.dbName);
    const detail = record.detail ? redactSecrets(record.detail) : undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const head = this.#head ?? (await this.#readHead());
      const seq = head.seq + 1;
      const unhashed = {
        seq,
        at: new Date(this.#clock.now()).toISOString(),
        prev: head.hash,
        actor: record.actor,
        action: record.action,
        target: record.target,
        outcome: record.outcome,
        ...(detail ? { detail } : {}),
      };
      const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
      try {
        await db.insert({ ...entry, _id: auditDocId(seq), type: 'audit-entry' });
        this.#head = { seq, hash: entry.hash };
        return entry;
      } catch (err) {
        this.#head = undefined;
        if (couchStatus(err) !== 409) throw storeError(err, `append audit entry ${seq}`);
      }
    }
    throw new HengError(
      'conflict',
      `could not append to the audit log ${this.dbName}: lost the race for the next entry ${MAX_ATTEMPTS} times`,
    );
  }

  async #readHead(): Promise<{ seq: number; hash: string }> {
    try {
      const page = await this.#couch.db<AuditDoc>(this.dbName).list({
        startkey: `${AUDIT_PREFIX}\ufff0`,
        endkey: AUDIT_PREFIX,
        descending: true,
        limit: 1,
        include_docs: true,
      });
      const doc = page.rows[0]?.doc;
      return doc ? { seq: entryOf(doc).seq, hash: doc.hash } : { seq: 0, hash: GENESIS_HASH };
    } catch (err) {
      throw storeError(err, `read the head of the audit log ${this.dbName}`);
    }
  }
}
