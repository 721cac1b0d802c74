/**
 * @module Check: write limits (min/max) that cannot mean anything or cannot be written.
 */
import type { Issue } from '@heng/schemas';
import { encodePoint } from '../../modbus/codec.ts';
import type { ProfileCheck } from './types.ts';

/** The "write-limits" check. */
export const writeLimits: ProfileCheck = {
  id: 'write-limits',
  description:
    'min/max appear only on writable numeric points, min ≤ max, and each limit fits the raw type after scale and offset.',
  check(profile) {
    const issues: Issue[] = [];
    profile.points.forEach((point, i) => {
      const limits = (['min', 'max'] as const).filter((key) => point[key] !== undefined);
      if (limits.length === 0) return;
      const at = (key: string) => `/points/${i}/${key}`;
      if (point.access === 'read') {
        for (const key of limits)
          issues.push({
            path: at(key),
            message: `"${point.name}" is read-only (access "read"): a write limit means nothing here`,
            fix: `remove ${key}, or make the point writable`,
          });
        return;
      }
      if (point.type === 'bool' || point.type === 'string') {
        for (const key of limits)
          issues.push({
            path: at(key),
            message: `"${point.name}" is a ${point.type}: limits apply to numbers only`,
          });
        return;
      }
      if (point.min !== undefined && point.max !== undefined && point.min > point.max)
        issues.push({
          path: at('min'),
          message: `min ${point.min} of "${point.name}" is above its max ${point.max}`,
        });
      for (const key of limits) {
        try {
          encodePoint(point, point[key] as number, profile.defaults);
        } catch (err) {
          issues.push({
            path: at(key),
            message: `${key} ${point[key]} can never be written: ${(err as Error).message}`,
          });
        }
      }
    });
    return issues;
  },
};
