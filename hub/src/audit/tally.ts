/**
 * @module Repeated refusals counted instead of appended one by one: the first of a kind in a
 * window goes to the audit log at once, the rest of that window as one entry with a count at its
 * end. So a flood of anonymous requests or wrong passwords costs a bounded number of entries
 * (and of serial appends), and still leaves a trace of how many, when, and of what.
 */
import { type Clock, systemClock } from '@heng/core';
import type { AuditLog, AuditRecord } from './types.ts';

export interface AuditTallyOptions {
  /** Length of a window; default 60 s. */
  windowMs?: number;
  /**
   * Kinds kept apart in one window; past it, further kinds are counted together under target
   * `*` (their targets come from requests, so an attacker could otherwise make them unbounded).
   */
  maxKinds?: number;
  clock?: Clock;
}

interface Kind {
  record: AuditRecord;
  /** Occurrences after the first, not written yet. */
  more: number;
  first: number;
  last: number;
}

/**
 * @example
 * const tally = new AuditTally(audit);
 * await tally.count({ actor: 'anonymous', action: 'auth.authenticate', target: 'GET /api/sites', outcome: 'refused' });
 * await tally.close(); // writes what is still counted
 */
export class AuditTally implements AsyncDisposable {
  readonly #audit: AuditLog;
  readonly #windowMs: number;
  readonly #maxKinds: number;
  readonly #clock: Clock;
  #kinds = new Map<string, Kind>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(audit: AuditLog, options: AuditTallyOptions = {}) {
    this.#audit = audit;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#maxKinds = options.maxKinds ?? 200;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Counts one occurrence. The first of its kind (same actor, action, target, outcome and
   * detail) in the window is appended now, and the promise waits for it; later ones only count.
   */
  count(record: AuditRecord): Promise<void> {
    let key = JSON.stringify([
      record.actor,
      record.action,
      record.target,
      record.outcome,
      record.detail,
    ]);
    if (!this.#kinds.has(key) && this.#kinds.size >= this.#maxKinds) {
      record = {
        ...record,
        target: '*',
        detail: { ...record.detail, note: 'kinds past the window limit, counted together' },
      };
      key = JSON.stringify([record.actor, record.action, '*', record.outcome]);
    }
    const now = this.#clock.now();
    const kind = this.#kinds.get(key);
    if (kind) {
      kind.more++;
      kind.last = now;
      return Promise.resolve();
    }
    this.#kinds.set(key, { record, more: 0, first: now, last: now });
    this.#timer ??= setInterval(() => void this.flush(), this.#windowMs);
    this.#timer.unref?.();
    return this.#audit.append(record).then(
      () => undefined,
      () => undefined, // a failed append must not fail the refusal it records
    );
  }

  /** Ends the window: one entry per kind that repeated, with `count` (after the first). */
  flush(): Promise<void> {
    const kinds = [...this.#kinds.values()];
    this.#kinds = new Map();
    if (kinds.length === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    const written = this.#flushing.then(async () => {
      for (const { record, more, first, last } of kinds) {
        if (more === 0) continue;
        await this.#audit
          .append({
            ...record,
            detail: {
              ...record.detail,
              count: more,
              first: new Date(first).toISOString(),
              last: new Date(last).toISOString(),
            },
          })
          .catch(() => undefined);
      }
    });
    this.#flushing = written;
    return written;
  }

  /** Writes what is counted and stops the window's timer. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
