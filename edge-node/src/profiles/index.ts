/**
 * @module Device profiles: loading and checking a device's Modbus map, and finding the
 * file a profile reference names (a reference profile that ships with the edge, or a path).
 */
export {
  addressOverlap,
  addressRange,
  checkProfile,
  duplicateNames,
  PROFILE_CHECKS,
  type ProfileCheck,
  scaleNonzero,
  writeLimits,
} from './checks/index.ts';
export { ProfileError } from './errors.ts';
export { loadProfile, parseProfile } from './load.ts';
export { profilePath, REFERENCE_PROFILES } from './profile-path.ts';
export { readInputFile } from './read-input.ts';
