/**
 * @module Check: a scale of 0, which makes every reading the offset and no write invertible.
 */
import type { Issue } from '@heng/schemas';
import type { ProfileCheck } from './types.ts';

/** The "scale-nonzero" check. */
export const scaleNonzero: ProfileCheck = {
  id: 'scale-nonzero',
  description: 'A point’s scale is not 0 (writes divide by it).',
  check(profile) {
    const issues: Issue[] = [];
    profile.points.forEach((point, i) => {
      if (point.scale === 0)
        issues.push({
          path: `/points/${i}/scale`,
          message: `"${point.name}" has scale 0: every reading would be the offset and writes cannot be inverted`,
        });
    });
    return issues;
  },
};
