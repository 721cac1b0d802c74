/**
 * @module Check: a "#" wildcard that is not the last segment of a point or topic pattern.
 */
import { patternsOf } from '../permission-lists.ts';
import type { ManifestCheck } from '../types.ts';

/** The "wildcard-hash-last" check (error); `description` says what it enforces. */
export const wildcardHashLast: ManifestCheck = {
  id: 'wildcard-hash-last',
  severity: 'error',
  description:
    '"#" stands for every remaining segment, so it may only be the last segment of a pattern.',
  check(manifest) {
    return patternsOf(manifest)
      .filter(({ value }) => value.split('/').slice(0, -1).includes('#'))
      .map(({ value, path }) => ({
        path,
        message: `has "#" before the last segment ("${value}"): "#" matches every remaining segment, so it must come last; use "+" for one segment`,
      }));
  },
};
