/**
 * @module Check: two points with the same name (commands and point patterns address points by name).
 */
import type { Issue } from '@heng/schemas';
import type { ProfileCheck } from './types.ts';

/** The "duplicate-names" check. */
export const duplicateNames: ProfileCheck = {
  id: 'duplicate-names',
  description: 'Every point has its own name.',
  check(profile) {
    const issues: Issue[] = [];
    const first = new Map<string, number>();
    profile.points.forEach((point, i) => {
      const earlier = first.get(point.name);
      if (earlier === undefined) first.set(point.name, i);
      else
        issues.push({
          path: `/points/${i}/name`,
          message: `repeats the name "${point.name}" of /points/${earlier}`,
          fix: 'give each point its own name',
        });
    });
    return issues;
  },
};
