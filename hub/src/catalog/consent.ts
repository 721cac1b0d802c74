/**
 * @module Consent: the permissions an administrator accepts must be exactly those the package
 * asks for, and an upgrade that asks for more must be consented again. A refusal carries the
 * difference, so the shell can show only what changed.
 */
import { HengError, type HengErrorJSON, type Permission } from '@heng/schemas';
import {
  asksForMore,
  describeDiff,
  diffPermissions,
  type PermissionDiff,
  samePower,
} from './permission-diff.ts';

/** 409 `consent_required`: what was consented (if anything) does not cover what is asked. */
export class ConsentRequiredError extends HengError {
  /** From what is held (upgrade) or consented (install) to what the package asks for. */
  readonly difference: PermissionDiff;

  constructor(message: string, difference: PermissionDiff) {
    super('consent_required', message, {
      issues: describeDiff(difference).map((line) => ({
        path: '/consent/permissions',
        message: line,
      })),
    });
    this.difference = difference;
  }

  override toJSON(): HengErrorJSON & { difference: PermissionDiff } {
    return { ...super.toJSON(), difference: this.difference };
  }
}

/** Throws unless `consented` grants exactly the power `asked` asks for. */
export function requireExactConsent(
  consented: readonly Permission[],
  asked: readonly Permission[],
  what: string,
): void {
  const diff = diffPermissions(consented, asked);
  if (samePower(diff)) return;
  throw new ConsentRequiredError(
    `consent for ${what} does not match the permissions it asks for: ${describeDiff(diff).join('; ')}`,
    diff,
  );
}

/**
 * For an upgrade from `held` to `asked`: when it asks for more, `consented` must be given and
 * match `asked` exactly; when it asks for less or the same, no consent is needed, but one that is
 * given must still match. Returns the difference from `held` to `asked`.
 */
export function requireUpgradeConsent(
  held: readonly Permission[],
  asked: readonly Permission[],
  consented: readonly Permission[] | undefined,
  what: string,
): PermissionDiff {
  const diff = diffPermissions(held, asked);
  if (consented === undefined) {
    if (!asksForMore(diff)) return diff;
    throw new ConsentRequiredError(
      `${what} asks for more than the installed version: ${describeDiff(diff).join('; ')}; consent to its permissions to upgrade`,
      diff,
    );
  }
  const against = diffPermissions(consented, asked);
  if (!samePower(against)) {
    // Show the change from the installed version: that is what the shell asks about.
    throw new ConsentRequiredError(
      `consent for ${what} does not match the permissions it asks for (${describeDiff(against).join('; ')}); it changes from the installed version: ${describeDiff(diff).join('; ') || 'nothing'}`,
      diff,
    );
  }
  return diff;
}
