/**
 * @module Sign-in and token lifecycle at the hub: login and logout, edge and API tokens,
 * revocation, and the first administrator. Every act and every refusal is audited; no secret
 * reaches the audit log, an error or a log line.
 */
import { type Clock, systemClock } from '@heng/core';
import type { DataClass } from '@heng/schemas';
import { HengError } from '@heng/schemas';
import { AuditTally, type AuditTallyOptions } from '../audit/tally.ts';
import type { AuditLog } from '../audit/types.ts';
import type { Couch } from '../couch/index.ts';
import { HUB_DB } from '../couch/names.ts';
import { TokenAuthenticator } from './authenticator.ts';
import { bootstrapAdmin } from './bootstrap.ts';
import { Parties } from './parties.ts';
import { decoyHash, verifyPassword } from './password.ts';
import {
  SIGN_IN_LIMITS,
  type SignInLimits,
  SignInRefused,
  SignInThrottle,
} from './sign-in/index.ts';
import {
  SESSION_TTL_MS,
  TOKEN_PREFIX,
  type TokenKind,
  type TokenRecord,
  TokenStore,
} from './token-store.ts';
import type { Principal } from './types.ts';

/** `user:<id>`, `edge:<site>`: how a principal is named in the audit log. */
export function actorOf(principal: Pick<Principal, 'kind' | 'id'> | null | undefined): string {
  return principal ? `${principal.kind}:${principal.id}` : 'anonymous';
}

export interface HubAuthOptions {
  audit: AuditLog;
  clock?: Clock;
  /** Registry database; default `heng-hub`. */
  db?: string;
  /** Authenticator cache, ≤ 5 s. */
  cacheMs?: number;
  /** Sign-in throttling; default {@link SIGN_IN_LIMITS}. */
  signIn?: SignInLimits;
  /** How repeated refusals are counted in the audit log (window, kinds). */
  tally?: AuditTallyOptions;
}

const WRONG_CREDENTIALS = 'wrong user or password';

export class HubAuth {
  readonly parties: Parties;
  readonly tokens: TokenStore;
  readonly authenticator: TokenAuthenticator;
  readonly audit: AuditLog;
  /** Repeated refusals (wrong passwords, anonymous requests) counted, not appended one by one. */
  readonly tally: AuditTally;
  readonly #throttle: SignInThrottle;
  readonly #clock: Clock;

  constructor(couch: Couch, options: HubAuthOptions) {
    const clock = options.clock ?? systemClock;
    const where = { ...(options.db ? { db: options.db } : {}), clock };
    this.#clock = clock;
    this.audit = options.audit;
    this.tally = new AuditTally(options.audit, { clock, ...options.tally });
    this.#throttle = new SignInThrottle(options.signIn ?? SIGN_IN_LIMITS);
    this.parties = new Parties(couch, where);
    this.tokens = new TokenStore(couch, where);
    this.authenticator = new TokenAuthenticator({
      tokens: this.tokens,
      parties: this.parties,
      clock,
      ...(options.cacheMs !== undefined ? { cacheMs: options.cacheMs } : {}),
    });
  }

  /** Creates the registry database if needed and returns the hub's auth. */
  static async open(couch: Couch, options: HubAuthOptions): Promise<HubAuth> {
    await couch.ensureDb(options.db ?? HUB_DB);
    return new HubAuth(couch, options);
  }

  /**
   * Exchanges a user id and password for a session token (12 h). A wrong user, a wrong
   * password and a disabled user give the same `unauthenticated` error in about the same time.
   * Attempts are throttled per account and client `address` (429 `rate_limited` with a retry
   * time); refusals are counted in the audit log ({@link AuditTally}), not appended one by one.
   */
  async login(
    userId: string,
    password: string,
    options: { address?: string } = {},
  ): Promise<{ token: string; expiresAt: string; principal: Principal }> {
    const address = options.address ?? 'unknown';
    const refused = (reason: string) =>
      this.tally.count({
        actor: 'anonymous',
        action: 'auth.login',
        target: `user/${userId}`,
        outcome: 'refused',
        detail: { reason, address },
      });
    let user: NonNullable<Awaited<ReturnType<Parties['userDoc']>>>;
    try {
      user = await this.#throttle.attempt(userId, address, async (attempt) => {
        const found = await this.parties.userDoc(userId);
        const matches = await verifyPassword(password, found?.password ?? (await decoyHash()));
        if (!found || !matches || found.disabled) {
          await refused(!found ? 'unknown user' : !matches ? 'wrong password' : 'disabled');
          throw new HengError('unauthenticated', WRONG_CREDENTIALS);
        }
        await attempt.succeeded();
        return found;
      });
    } catch (err) {
      if (err instanceof SignInRefused) await refused(`throttled: ${err.reason}`);
      throw err;
    }
    const { token, record } = await this.tokens.issue(
      { kind: 'session', principal: user.id },
      SESSION_TTL_MS,
    );
    const principal = await this.authenticator.authenticate(token);
    if (!principal)
      throw new HengError('internal', `the session just made for ${user.id} did not authenticate`);
    await this.audit.append({
      actor: actorOf(principal),
      action: 'auth.login',
      target: `user/${user.id}`,
      outcome: 'ok',
    });
    return { token, expiresAt: record.expiresAt ?? '', principal };
  }

  /** Revokes the token the caller signed in with. */
  async logout(token: string, principal: Principal): Promise<void> {
    const record = await this.tokens.find(token);
    if (record) await this.#revoke(record);
    await this.audit.append({
      actor: actorOf(principal),
      action: 'auth.logout',
      target: `${principal.kind}/${principal.id}`,
      outcome: 'ok',
    });
  }

  /** A site's edge token: no expiry, revocable. Only its hash is kept. */
  async issueEdgeToken(
    site: string,
    options: { by?: Principal; organisation?: string; clearance?: DataClass } = {},
  ): Promise<{ token: string; record: TokenRecord }> {
    const issued = await this.tokens.issue({
      kind: 'edge',
      principal: site,
      site,
      organisation: options.organisation,
      clearance: options.clearance,
    });
    await this.audit.append({
      actor: options.by ? actorOf(options.by) : 'hub',
      action: 'token.issue',
      target: `site/${site}`,
      outcome: 'ok',
      detail: { kind: 'edge' },
    });
    return issued;
  }

  /** A user's token for scripts; expires after `ttlMs` when given. */
  async issueApiToken(
    userId: string,
    options: { by: Principal; ttlMs?: number },
  ): Promise<{ token: string; record: TokenRecord }> {
    if (!(await this.parties.getUser(userId)))
      throw new HengError('not_found', `no user "${userId}"`);
    const issued = await this.tokens.issue({ kind: 'api', principal: userId }, options.ttlMs);
    await this.audit.append({
      actor: actorOf(options.by),
      action: 'token.issue',
      target: `user/${userId}`,
      outcome: 'ok',
      detail: { kind: 'api' },
    });
    return issued;
  }

  /**
   * Revokes every token of a user or a site's edge (optionally of one kind, or all but one
   * token); they stop at once in this process and within 5 s in any other. Returns how many.
   */
  async revokeTokens(
    principal: Pick<Principal, 'kind' | 'id'>,
    options: { by?: Principal; kind?: TokenKind; except?: string } = {},
  ): Promise<number> {
    const edge = principal.kind === 'edge';
    const records = await this.tokens.list(
      (r) =>
        !r.revoked &&
        (r.kind === 'edge') === edge &&
        r.principal === principal.id &&
        (!options.kind || r.kind === options.kind) &&
        r._id !== `${TOKEN_PREFIX}${options.except ?? ''}`,
    );
    for (const record of records) await this.#revoke(record);
    this.authenticator.forgetPrincipal(principal.kind, principal.id);
    await this.audit.append({
      actor: options.by ? actorOf(options.by) : 'hub',
      action: 'token.revoke',
      target: `${principal.kind === 'edge' ? 'site' : 'user'}/${principal.id}`,
      outcome: 'ok',
      detail: { count: records.length, ...(options.kind ? { kind: options.kind } : {}) },
    });
    return records.length;
  }

  /**
   * When no user exists yet, creates `admin` with a random password and returns it once (see
   * `bootstrapAdmin` in bootstrap.ts); null when users already exist.
   */
  bootstrapAdmin(): Promise<{ user: string; password: string } | null> {
    return bootstrapAdmin(this.parties, this.audit);
  }

  /** Password checks running and waiting now (sign-in throttling). */
  get signInLoad(): { running: number; waiting: number } {
    return this.#throttle.load;
  }

  /** Writes the refusals still counted (at hub shutdown). */
  close(): Promise<void> {
    return this.tally.close();
  }

  /** Now, by the hub's clock. */
  now(): number {
    return this.#clock.now();
  }

  async #revoke(record: TokenRecord): Promise<void> {
    await this.tokens.revoke(record);
    this.authenticator.forgetToken(record._id.slice(TOKEN_PREFIX.length));
  }
}
