/**
 * @module Manifest rules beyond the schema: semantic checks, safe fixes and sandbox limits.
 */
export * from './checks/index.ts';
export {
  clampLimit,
  DEFAULT_LIMITS,
  effectiveLimits,
  LIMIT_NAMES,
  type LimitName,
  PLATFORM_CEILINGS,
  PLATFORM_FLOORS,
} from './limits.ts';
export {
  type CheckOptions,
  type CheckResult,
  checkManifest,
  fixManifest,
  validateManifest,
} from './run-checks.ts';
export type { CheckContext, Finding, ManifestCheck, ManifestFinding, Severity } from './types.ts';
