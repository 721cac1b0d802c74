/**
 * @module Resolves bearer tokens to principals for every route and the sync gateway. Positive
 * answers are cached for a few seconds so a busy edge does not cost a store read per request;
 * a revocation in this process drops the cached answer at once.
 */
import { type Clock, systemClock } from '@heng/core';
import { type Parties, USER_PREFIX } from './parties.ts';
import { effectiveClearance } from './roles.ts';
import { hashToken, looksLikeToken, type TokenRecord, type TokenStore } from './token-store.ts';
import type { Authenticator, Principal } from './types.ts';

/** The longest a cached answer may live: a revocation by another hub process shows within it. */
export const MAX_CACHE_MS = 5_000;

export interface TokenAuthenticatorOptions {
  tokens: TokenStore;
  parties: Parties;
  clock?: Clock;
  /** How long a positive answer is kept, at most 5 s (the default). 0 turns the cache off. */
  cacheMs?: number;
}

interface Cached {
  principal: Principal;
  until: number;
}

export class TokenAuthenticator implements Authenticator {
  readonly #tokens: TokenStore;
  readonly #parties: Parties;
  readonly #clock: Clock;
  readonly #cacheMs: number;
  readonly #cache = new Map<string, Cached>();

  constructor(options: TokenAuthenticatorOptions) {
    this.#tokens = options.tokens;
    this.#parties = options.parties;
    this.#clock = options.clock ?? systemClock;
    this.#cacheMs = Math.min(Math.max(0, options.cacheMs ?? MAX_CACHE_MS), MAX_CACHE_MS);
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (!looksLikeToken(token)) return null;
    const hash = hashToken(token);
    const now = this.#clock.now();
    const cached = this.#cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    this.#cache.delete(hash);
    const record = await this.#tokens.findByHash(hash);
    if (!record || record.revoked) return null;
    const expiresAt = record.expiresAt ? Date.parse(record.expiresAt) : Number.POSITIVE_INFINITY;
    if (expiresAt <= now) return null;
    const principal = await this.#principalOf(record);
    if (!principal) return null;
    // Read the clock again: the store reads took time, and a revocation may have come meanwhile.
    if (this.#cacheMs > 0)
      this.#cache.set(hash, {
        principal,
        until: Math.min(this.#clock.now() + this.#cacheMs, expiresAt),
      });
    return principal;
  }

  /** Drops the cached answer for one token (after it was revoked). */
  forgetToken(tokenOrHash: string): void {
    this.#cache.delete(looksLikeToken(tokenOrHash) ? hashToken(tokenOrHash) : tokenOrHash);
  }

  /** Drops every cached answer for a principal (after its roles, clearance or tokens changed). */
  forgetPrincipal(kind: Principal['kind'], id: string): void {
    for (const [hash, { principal }] of this.#cache)
      if (principal.kind === kind && principal.id === id) this.#cache.delete(hash);
  }

  async #principalOf(record: TokenRecord): Promise<Principal | null> {
    if (record.kind === 'edge') {
      if (!record.site) return null;
      const principal: Principal = {
        kind: 'edge',
        id: record.site,
        roles: ['edge'],
        clearance: record.clearance ?? 'secret',
        site: record.site,
      };
      if (record.organisation) principal.organisation = record.organisation;
      return principal;
    }
    const user = await this.#parties.userDoc(record.principal);
    if (!user || user.disabled || user._id !== `${USER_PREFIX}${record.principal}`) return null;
    return {
      kind: 'user',
      id: user.id,
      roles: [...user.roles],
      organisation: user.organisation,
      clearance: effectiveClearance(user.roles, user.clearance),
    };
  }
}
