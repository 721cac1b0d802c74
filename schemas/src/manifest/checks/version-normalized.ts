/**
 * @module Check: the version is written in normal semver form ("1.2.0", not "v1.2.0").
 */
import semver from 'semver';
import type { ManifestCheck } from '../types.ts';

/** The "version-normalized" check (error); `description` says what it enforces. */
export const versionNormalized: ManifestCheck = {
  id: 'version-normalized',
  severity: 'error',
  description: 'version is plain semver, without "v", "=" or spaces; the fix normalizes it.',
  check(manifest) {
    const version: unknown = manifest.version;
    if (typeof version !== 'string') return [];
    const clean = semver.clean(version);
    if (clean === null || clean === version) return [];
    return [
      {
        path: '/version',
        message: `"${version}" is not written as plain semver; write "${clean}"`,
        fixText: `write "${clean}"`,
        fix: (m) => {
          m.version = clean;
        },
      },
    ];
  },
};
