/**
 * @module Sign-in throttling: failed attempts counted per account and client address, per client
 * address, and per account (rate-limiter-flexible's in-memory limiters), counted before the
 * password is checked so that concurrent attempts count too; and a bounded, fair number of
 * password checks at once ({@link FairGate}). A refused attempt costs no password check.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { FairGate, type FairGateOptions } from './fair-gate.ts';
import { ThrottledError } from './throttled-error.ts';

/** Failed attempts allowed within `windowS` seconds; one more blocks for `blockS` seconds. */
export interface FailureLimit {
  failures: number;
  windowS: number;
  blockS: number;
}

export interface SignInLimits {
  /** One account from one address: a person mistyping, or one guesser. */
  accountAtAddress: FailureLimit;
  /** One address, whatever the accounts: one guesser trying many. */
  address: FailureLimit;
  /** One account, whatever the addresses: many guessers at one account. */
  account: FailureLimit;
  /** Password checks at once, and how many may wait. */
  checks: FairGateOptions;
}

/** The hub's limits (hub/README.md, "Sign-in throttling"). */
export const SIGN_IN_LIMITS: SignInLimits = {
  accountAtAddress: { failures: 5, windowS: 15 * 60, blockS: 15 * 60 },
  address: { failures: 20, windowS: 15 * 60, blockS: 15 * 60 },
  account: { failures: 100, windowS: 15 * 60, blockS: 15 * 60 },
  checks: { concurrency: 4, maxWaitingPerKey: 16, maxWaiting: 256 },
};

/** Which limit refused an attempt, for the audit log. */
export type ThrottleReason = 'account-at-address' | 'address' | 'account' | 'busy';

export class SignInRefused extends ThrottledError {
  readonly reason: ThrottleReason;
  constructor(reason: ThrottleReason, retryAfterMs: number) {
    super(
      reason === 'busy'
        ? 'too many sign-ins are being checked at once: try again shortly'
        : 'too many failed sign-ins: try again later',
      retryAfterMs,
    );
    this.reason = reason;
  }
}

/** The counters of one attempt, handed back when it ends. */
export interface SignInAttempt {
  /** The password was right: the attempt's counts are taken back. */
  succeeded(): Promise<void>;
}

export class SignInThrottle {
  readonly #limiters: Array<
    [ThrottleReason, RateLimiterMemory, (user: string, address: string) => string]
  >;
  readonly #gate: FairGate;

  constructor(limits: SignInLimits = SIGN_IN_LIMITS) {
    const limiter = (prefix: string, l: FailureLimit) =>
      new RateLimiterMemory({
        keyPrefix: prefix,
        points: l.failures,
        duration: l.windowS,
        blockDuration: l.blockS,
      });
    this.#limiters = [
      ['account-at-address', limiter('pair', limits.accountAtAddress), (u, a) => `${u}\n${a}`],
      ['address', limiter('address', limits.address), (_u, a) => a],
      ['account', limiter('account', limits.account), (u) => u],
    ];
    this.#gate = new FairGate(limits.checks);
  }

  /** The password checks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return this.#gate.load;
  }

  /**
   * Counts an attempt as a failure in advance (so a burst is counted before any check ends), or
   * refuses it with {@link SignInRefused} when a limit is reached; then runs `check` when the
   * fair gate lets it. A right password takes the counts back.
   */
  async attempt<T>(
    user: string,
    address: string,
    check: (attempt: SignInAttempt) => Promise<T>,
  ): Promise<T> {
    const taken: Array<[ThrottleReason, RateLimiterMemory, string]> = [];
    const giveBack = async () => {
      for (const [, limiter, key] of taken.splice(0))
        await limiter.reward(key, 1).catch(() => undefined);
    };
    // A right password also clears the account's failures from this address (they count in a row).
    const succeeded = async () => {
      for (const [reason, limiter, key] of taken.splice(0))
        await (reason === 'account-at-address'
          ? limiter.delete(key)
          : limiter.reward(key, 1)
        ).catch(() => undefined);
    };
    for (const [reason, limiter, keyOf] of this.#limiters) {
      const key = keyOf(user, address);
      try {
        await limiter.consume(key, 1);
        taken.push([reason, limiter, key]);
      } catch (err) {
        await giveBack();
        if (err instanceof RateLimiterRes) throw new SignInRefused(reason, err.msBeforeNext);
        throw err;
      }
    }
    try {
      return await this.#gate.run(user, () => check({ succeeded }));
    } catch (err) {
      // Refused before its check ran: it was no failed password.
      if (err instanceof ThrottledError && !(err instanceof SignInRefused)) {
        await giveBack();
        throw new SignInRefused('busy', err.retryAfterSeconds * 1000);
      }
      throw err;
    }
  }
}
