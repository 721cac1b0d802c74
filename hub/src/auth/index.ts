/**
 * @module Parties, tokens, roles and sign-in at the hub: who is asking and what they may do,
 * for the API and the sync gateway.
 */
export {
  MAX_CACHE_MS,
  TokenAuthenticator,
  type TokenAuthenticatorOptions,
} from './authenticator.ts';
export { BOOTSTRAP_ADMIN, BOOTSTRAP_ORGANISATION, bootstrapAdmin } from './bootstrap.ts';
export * from './http/index.ts';
export { actorOf, HubAuth, type HubAuthOptions } from './hub-auth.ts';
export {
  ORG_PREFIX,
  Parties,
  type PartiesOptions,
  type PublicUser,
  USER_PREFIX,
  type UserDoc,
} from './parties.ts';
export { generatePassword, hashPassword, type PasswordHash, verifyPassword } from './password.ts';
export {
  ABILITIES,
  abilitiesOf,
  can,
  effectiveClearance,
  mayActAtSite,
  mayRead,
  ORGANISATION_BOUND_ROLES,
  type PlaceFacts,
  ROLE_ABILITIES,
  ROLE_CLEARANCE_CEILING,
  siteAccess,
} from './roles.ts';
export {
  type FailureLimit,
  SIGN_IN_LIMITS,
  type SignInLimits,
  SignInRefused,
  SignInThrottle,
  ThrottledError,
} from './sign-in/index.ts';
export {
  hashToken,
  looksLikeToken,
  SESSION_TTL_MS,
  TOKEN_PREFIX,
  type TokenGrant,
  type TokenKind,
  type TokenRecord,
  TokenStore,
} from './token-store.ts';
export * from './types.ts';
