/**
 * @module Every meaning check on a device profile, in the order their issues are reported.
 */
import type { DeviceProfile, Issue } from '@heng/schemas';
import { addressOverlap } from './address-overlap.ts';
import { addressRange } from './address-range.ts';
import { duplicateNames } from './duplicate-names.ts';
import { scaleNonzero } from './scale-nonzero.ts';
import type { ProfileCheck } from './types.ts';
import { writeLimits } from './write-limits.ts';

export type { ProfileCheck };
export { addressOverlap, addressRange, duplicateNames, scaleNonzero, writeLimits };

/**
 * The checks `parseProfile` runs after the schema. Coils and discrete inputs being bool, strings
 * having a length and input registers being read-only are the schema's own rules.
 */
export const PROFILE_CHECKS: readonly ProfileCheck[] = [
  duplicateNames,
  addressRange,
  addressOverlap,
  scaleNonzero,
  writeLimits,
];

/** Runs the meaning checks on a profile that passed the schema; an empty list means it is sound. */
export function checkProfile(
  profile: DeviceProfile,
  checks: readonly ProfileCheck[] = PROFILE_CHECKS,
): Issue[] {
  return checks.flatMap((check) => check.check(profile));
}
