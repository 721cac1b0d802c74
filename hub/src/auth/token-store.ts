/**
 * @module Bearer tokens: 32 random bytes, base64url, handed out once; the hub keeps only their
 * SHA-256 (`token/<sha256>`), so a copy of the registry signs nobody in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '@heng/core';
import type { DataClass } from '@heng/schemas';
import { type Couch, couchStatus, storeError } from '../couch/index.ts';
import { HUB_DB } from '../couch/names.ts';
import { docsWithPrefix } from './parties.ts';

/** session: a sign-in (12 h); api: a user's token for scripts; edge: a site's, no expiry. */
export type TokenKind = 'session' | 'api' | 'edge';

export const TOKEN_PREFIX = 'token/';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** What is stored for a token. */
export interface TokenRecord {
  _id: string;
  _rev?: string;
  type: 'token';
  kind: TokenKind;
  /** The user id, or the site id for an edge token. */
  principal: string;
  /** Edge tokens: the site, the organisation that runs it and the clearance of what it syncs. */
  site?: string;
  organisation?: string;
  clearance?: DataClass;
  createdAt: string;
  expiresAt?: string;
  revoked: boolean;
  revokedAt?: string;
}

export type TokenGrant = Pick<
  TokenRecord,
  'kind' | 'principal' | 'site' | 'organisation' | 'clearance'
>;

// 32 bytes in base64url, no padding.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 hex of a token: its id in the registry and in caches. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string could be a token at all, so garbage costs no store read. */
export function looksLikeToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export class TokenStore {
  readonly dbName: string;
  readonly #couch: Couch;
  readonly #clock: Clock;

  constructor(couch: Couch, options: { db?: string; clock?: Clock } = {}) {
    this.#couch = couch;
    this.dbName = options.db ?? HUB_DB;
    this.#clock = options.clock ?? systemClock;
  }

  get #db() {
    return this.#couch.db<Omit<TokenRecord, '_id'>>(this.dbName);
  }

  /** Makes a token; the caller gets it once, the store keeps its hash. */
  async issue(grant: TokenGrant, ttlMs?: number): Promise<{ token: string; record: TokenRecord }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#clock.now();
    const record: TokenRecord = {
      _id: `${TOKEN_PREFIX}${hashToken(token)}`,
      type: 'token',
      ...Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined)),
      kind: grant.kind,
      principal: grant.principal,
      createdAt: new Date(now).toISOString(),
      revoked: false,
    };
    if (ttlMs !== undefined) record.expiresAt = new Date(now + ttlMs).toISOString();
    try {
      const { rev } = await this.#db.insert(record);
      return { token, record: { ...record, _rev: rev } };
    } catch (err) {
      throw storeError(err, `save a new ${grant.kind} token for ${grant.principal}`);
    }
  }

  /** The record of a token, by the token itself. */
  async find(token: string): Promise<TokenRecord | undefined> {
    return this.findByHash(hashToken(token));
  }

  async findByHash(hash: string): Promise<TokenRecord | undefined> {
    try {
      return (await this.#db.get(`${TOKEN_PREFIX}${hash}`)) as TokenRecord;
    } catch (err) {
      if (couchStatus(err) === 404) return undefined;
      throw storeError(err, 'read a token record');
    }
  }

  /** Every token record, or those `which` selects. */
  async list(which: (record: TokenRecord) => boolean = () => true): Promise<TokenRecord[]> {
    const docs = await docsWithPrefix<TokenRecord>(this.#db as never, TOKEN_PREFIX, 'list tokens');
    return docs.filter(which);
  }

  /** Marks a token revoked (the record stays, for the audit trail). */
  async revoke(record: TokenRecord): Promise<void> {
    for (let current: TokenRecord | undefined = record; current && !current.revoked; ) {
      try {
        await this.#db.insert({
          ...current,
          revoked: true,
          revokedAt: new Date(this.#clock.now()).toISOString(),
        });
        return;
      } catch (err) {
        if (couchStatus(err) !== 409)
          throw storeError(err, `revoke a ${record.kind} token of ${record.principal}`);
        current = await this.findByHash(current._id.slice(TOKEN_PREFIX.length));
      }
    }
  }
}
