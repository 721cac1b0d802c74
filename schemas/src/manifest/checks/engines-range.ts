/**
 * @module Check: engines.heng is a semver range the platform can test itself against.
 */
import semver from 'semver';
import type { ManifestCheck } from '../types.ts';

/** The "engines-range" check (error); `description` says what it enforces. */
export const enginesRange: ManifestCheck = {
  id: 'engines-range',
  severity: 'error',
  description: 'engines.heng is a valid semver range, e.g. "^0.1.0".',
  check(manifest) {
    const range = manifest.engines?.heng;
    if (typeof range !== 'string' || semver.validRange(range) !== null) return [];
    return [
      {
        path: '/engines/heng',
        message: `"${range}" is not a semver range; write one such as "^0.1.0" or ">=0.1.0 <2"`,
      },
    ];
  },
};
