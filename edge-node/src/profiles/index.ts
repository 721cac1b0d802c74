/**
 * @module Device profiles: loading and checking a device's Modbus map, and the width of its points.
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
export { pointEnd, pointWidth } from './point-width.ts';
export { readInputFile } from './read-input.ts';
