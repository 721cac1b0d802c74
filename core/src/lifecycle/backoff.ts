/**
 * @module When a faulted plugin may run again: exponential backoff between restarts, and a fault
 * budget per window past which the plugin is marked failed and left for an administrator.
 */

export interface RestartPolicy {
  /** Delay before the first restart. */
  initialDelayMs: number;
  /** Longest delay between restarts. */
  maxDelayMs: number;
  /** Faults within `windowMs` after which the plugin is not restarted again. */
  maxFaults: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxFaults: 5,
  windowMs: 10 * 60_000,
};

/** Fault times of one plugin, oldest first, trimmed to the policy's window. */
export class FaultHistory {
  #times: number[] = [];
  readonly policy: RestartPolicy;

  constructor(policy: RestartPolicy) {
    this.policy = policy;
  }

  /** Records a fault at `now`; returns the delay before a restart, or undefined to give up. */
  record(now: number): number | undefined {
    this.#times = this.#times.filter((t) => now - t < this.policy.windowMs);
    this.#times.push(now);
    const count = this.#times.length;
    if (count >= this.policy.maxFaults) return undefined;
    return Math.min(this.policy.initialDelayMs * 2 ** (count - 1), this.policy.maxDelayMs);
  }

  get count(): number {
    return this.#times.length;
  }

  reset(): void {
    this.#times = [];
  }
}
