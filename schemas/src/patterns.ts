/**
 * @module MQTT-style topic and point patterns (`+` one segment, `#` the rest, only last; `a/#`
 * also matches `a`), compiled once into matchers: the one rule for grants, the event bus, the
 * shell's panels and plugins (the SDK re-exports it). Small and free of the validators, so the
 * shell and plugin bundles import it on its own (`@heng/schemas/patterns`).
 */
import { ValidationError } from './errors.ts';

/** Tells whether a concrete topic matches the pattern it was compiled from. */
export type TopicMatcher = (topic: string) => boolean;

/** Longest topic or pattern accepted, in characters. */
export const MAX_TOPIC_LENGTH = 256;

// As the schemas' Identifier: anything else (spaces, control characters, unicode look-alikes)
// would make topics ambiguous in logs, audit lines and database keys.
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** Why `pattern` is not a valid pattern, or undefined when it is. */
export function patternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return 'must be a string';
  if (pattern.length === 0 || pattern.length > MAX_TOPIC_LENGTH) {
    return `must be 1..${MAX_TOPIC_LENGTH} characters`;
  }
  const segments = pattern.split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '') return 'must not have empty segments';
    if (segment === '#' && i !== segments.length - 1) return "'#' may only be the last segment";
    if (segment !== '+' && segment !== '#' && !SEGMENT.test(segment)) {
      return "segments must be '+', '#' or letters, digits, '_', '.', '-'";
    }
  }
  return undefined;
}

/** Why `topic` is not a concrete topic (no wildcards), or undefined when it is. */
export function topicProblem(topic: unknown): string | undefined {
  const problem = patternProblem(topic);
  if (problem) return problem;
  if (/[+#]/.test(topic as string)) return "must not contain the wildcards '+' or '#'";
  return undefined;
}

/**
 * Compiles a pattern into a matcher. `a/#` also matches `a` itself, as in MQTT.
 * Throws a ValidationError naming the pattern when it is malformed.
 * @example compilePattern('site-1/+/temperature')('site-1/ahu-2/temperature') // true
 */
export function compilePattern(pattern: string): TopicMatcher {
  const problem = patternProblem(pattern);
  if (problem)
    throw new ValidationError(`topic pattern '${String(pattern)}'`, [
      { path: '', message: problem },
    ]);
  const segments = pattern.split('/');
  const last = segments.length - 1;
  const multi = segments[last] === '#';
  const fixed = multi ? segments.slice(0, last) : segments;
  if (!pattern.includes('+') && !multi) return (topic) => topic === pattern;
  return (topic) => {
    if (typeof topic !== 'string' || topicProblem(topic)) return false;
    const parts = topic.split('/');
    if (multi ? parts.length < fixed.length : parts.length !== fixed.length) return false;
    for (let i = 0; i < fixed.length; i++) {
      if (fixed[i] !== '+' && fixed[i] !== parts[i]) return false;
    }
    return true;
  };
}

/** Compiles several patterns into one matcher that matches when any of them does. */
export function compilePatterns(patterns: readonly string[]): TopicMatcher {
  const matchers = patterns.map(compilePattern);
  if (matchers.length === 0) return () => false;
  if (matchers.length === 1) return matchers[0]!;
  return (topic) => matchers.some((m) => m(topic));
}

const cache = new Map<string, TopicMatcher>();
const CACHE_LIMIT = 1024;

/**
 * Tells whether `topic` matches `pattern` (MQTT semantics). Compiled matchers are cached;
 * prefer `compilePattern` in hot paths.
 */
export function matchTopic(pattern: string, topic: string): boolean {
  let matcher = cache.get(pattern);
  if (!matcher) {
    matcher = compilePattern(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher(topic);
}

/** Why `path` is not a concrete point path `site/device/point`, or undefined when it is. */
export function pointProblem(path: unknown): string | undefined {
  const problem = topicProblem(path);
  if (problem) return problem;
  if ((path as string).split('/').length !== 3) return "must have the form 'site/device/point'";
  return undefined;
}

/** Why `pattern` cannot match a point path, or undefined when it is a valid point pattern. */
export function pointPatternProblem(pattern: unknown): string | undefined {
  const problem = patternProblem(pattern);
  if (problem) return problem;
  const segments = (pattern as string).split('/');
  const open = segments[segments.length - 1] === '#';
  if (open ? segments.length > 3 : segments.length !== 3) {
    return "must match 'site/device/point' (three segments, or fewer ending in '#')";
  }
  return undefined;
}

/**
 * Whether every topic `pattern` can match is matched by `grant` too (pattern inclusion), so a
 * panel may ask for `lighting-01/+/dimming` when its grant says `+/+/dimming`. Malformed patterns
 * cover and are covered by nothing.
 * @example patternCovered('+/+/dimming', 'lighting-01/+/dimming') // true
 */
export function patternCovered(grant: string, pattern: string): boolean {
  if (patternProblem(grant) || patternProblem(pattern)) return false;
  const g = grant.split('/');
  const p = pattern.split('/');
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    if (gi === '#') return true;
    if (gi === undefined) return false;
    if (p[i] === '#') return false;
    if (gi !== '+' && gi !== p[i]) return false;
  }
  return g.length === p.length || (g.length === p.length + 1 && g[p.length] === '#');
}
