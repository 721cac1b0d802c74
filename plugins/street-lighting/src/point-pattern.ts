/** @module Which lamps' dimming points this app controls: the platform's pattern rule over the settings. */
import { matchTopic, patternProblem } from '@heng/sdk';

/**
 * Whether `path` (`site/device/point`) matches any of `patterns`. A malformed pattern (the
 * settings are checked against the manifest's schema, so only by a bug) matches nothing.
 * @example matchesAny(['lighting-01/+/dimming'], 'lighting-01/lamp-3/dimming') // true
 */
export function matchesAny(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => !patternProblem(pattern) && matchTopic(pattern, path));
}
