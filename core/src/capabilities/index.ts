/** @module Capabilities: grants, topic patterns, rate limits and the broker that enforces them. */
export { type ApiShape, apiShape } from './api-shape.ts';
export { type Json, jsonArg } from './args.ts';
export { Broker, type BrokerOptions } from './broker.ts';
export { maxArgsChars } from './call-limits.ts';
export { type CommandRule, Grant, grantFromManifest, isPluginId } from './grant.ts';
export type * from './grant-types.ts';
export type { HostRule } from './hosts.ts';
export { type BrokerLimits, DEFAULT_BROKER_LIMITS } from './op-context.ts';
export type { FetchResult } from './ops-fetch.ts';
export {
  compilePattern,
  compilePatterns,
  MAX_TOPIC_LENGTH,
  matchTopic,
  patternProblem,
  pointProblem,
  type TopicMatcher,
  topicProblem,
} from './pattern.ts';
export type * from './ports.ts';
export { RateLimiter, type RateLimiterOptions } from './rate-limiter.ts';
export * from './types.ts';
