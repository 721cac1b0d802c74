/**
 * @module The shape of a meaning check on a device profile: the second pass, after the schema.
 */
import type { DeviceProfile, Issue } from '@heng/schemas';

/**
 * One rule about what a profile means. Checks run only on profiles that passed the schema,
 * so they may rely on its shape; each issue names the JSON path of the offending value.
 */
export interface ProfileCheck {
  /** Stable id, e.g. "address-overlap". */
  id: string;
  /** What the rule is, in plain words. */
  description: string;
  check(profile: DeviceProfile): Issue[];
}
