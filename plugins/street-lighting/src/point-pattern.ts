/** @module MQTT-style point patterns (`+` one segment, `#` the rest), for the points to control. */

/**
 * Whether `path` (`site/device/point`) matches `pattern`.
 * @example matchesPattern('lighting-01/+/dimming', 'lighting-01/lamp-3/dimming') // true
 */
export function matchesPattern(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const have = path.split('/');
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment === '#') return true;
    if (i >= have.length || (segment !== '+' && segment !== have[i])) return false;
  }
  return want.length === have.length;
}

/** Whether `path` matches any of `patterns`. */
export function matchesAny(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, path));
}
