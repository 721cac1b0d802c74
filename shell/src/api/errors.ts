/** @module What a failed hub call looks like to the shell, with a message in the user's language. */

import { hasMessage, t } from '../i18n/index.ts';
import './messages.ts';

/** One problem the hub found in a body, with the JSON path it concerns. */
export interface ApiIssue {
  path?: string;
  message?: string;
  fix?: string;
}

/**
 * A hub call that did not succeed: the hub's `{ error: { code, message, issues? } }`, or
 * `unreachable` (status 0) when no answer came back at all.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: readonly ApiIssue[];
  /** Extra members of the hub's error body (e.g. `difference` of `consent_required`). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    status: number,
    issues: readonly ApiIssue[] = [],
    body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.issues = issues;
    this.body = body;
  }

  /**
   * What to show a person: the shell's own text for the code when it has one (in the user's
   * language, saying what to do), followed by the hub's message, which names the exact thing.
   */
  get friendly(): string {
    const key = `api.${this.code}`;
    if (!hasMessage(key)) return this.message;
    const ours = t(key);
    return this.message && this.code !== 'unreachable' ? `${ours} (${this.message})` : ours;
  }
}

/** True when `err` means the session is gone: sign in again. */
export function isSignedOut(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
