/**
 * @module The audit log's contract: every write and every refusal at the hub leaves an entry,
 * chained to the previous one by hash so that tampering shows.
 */

/** What the caller records. */
export interface AuditRecord {
  /** Who: `user:<id>`, `edge:<site>`, `hub` (the hub itself) or `anonymous`. */
  actor: string;
  /** What, as `noun.verb`: `site.register`, `install.create`, `sync.write`, `auth.login`. */
  action: string;
  /** On what: `site/lighting-01`, `install/lighting-01/city.lighting`, … */
  target: string;
  outcome: 'ok' | 'refused' | 'failed';
  /** Anything else worth keeping; never a secret (tokens, passwords, keys' private parts). */
  detail?: Record<string, unknown>;
}

/** What is stored: the record, its place in the chain and the chain's hashes. */
export interface AuditEntry extends AuditRecord {
  /** 1, 2, 3, … with no gaps. */
  seq: number;
  /** ISO time the hub wrote it. */
  at: string;
  /** Hash of the previous entry (64 zeros for the first). */
  prev: string;
  /** SHA-256 (hex) over the canonical JSON of every other field. */
  hash: string;
}

export interface AuditLog {
  /** Appends one entry; entries are chained in the order of the calls. */
  append(record: AuditRecord): Promise<AuditEntry>;
}

/** An entry as stored: one document per place in the chain. */
export type AuditDoc = AuditEntry & { _id: string; _rev?: string; type: 'audit-entry' };
