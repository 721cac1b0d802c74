/** @module Sign-in throttling: failure limits per account and address, fair bounded checks. */
export { FairGate, type FairGateOptions } from './fair-gate.ts';
export {
  type FailureLimit,
  SIGN_IN_LIMITS,
  type SignInAttempt,
  type SignInLimits,
  SignInRefused,
  SignInThrottle,
  type ThrottleReason,
} from './throttle.ts';
export { ThrottledError } from './throttled-error.ts';
