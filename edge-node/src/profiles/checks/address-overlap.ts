/**
 * @module Check: two points that share a register (or bit) of the same table.
 */
import type { DevicePoint, Issue } from '@heng/schemas';
import { pointEnd } from '../../modbus/point-width.ts';
import type { ProfileCheck } from './types.ts';

function span(point: DevicePoint): string {
  const end = pointEnd(point);
  return end === point.address
    ? `${point.kind} ${point.address}`
    : `${point.kind} ${point.address}-${end}`;
}

/** The "address-overlap" check. */
export const addressOverlap: ProfileCheck = {
  id: 'address-overlap',
  description:
    'No two points of one table share a register or bit (each type’s width counted); a value read twice under two names is a map error.',
  check(profile) {
    const issues: Issue[] = [];
    // Sorted by table, then address: each point can only overlap the ones before it whose end
    // reaches its address, so keeping the furthest-reaching earlier point is enough.
    const order = profile.points
      .map((point, index) => ({ point, index }))
      .sort(
        (a, b) =>
          a.point.kind.localeCompare(b.point.kind) ||
          a.point.address - b.point.address ||
          a.index - b.index,
      );
    let reach: { point: DevicePoint; end: number } | undefined;
    for (const { point, index } of order) {
      if (reach && reach.point.kind === point.kind && reach.end >= point.address) {
        issues.push({
          path: `/points/${index}/address`,
          message: `"${point.name}" at ${span(point)} overlaps point "${reach.point.name}" at ${span(reach.point)}`,
        });
      }
      const end = pointEnd(point);
      if (!reach || reach.point.kind !== point.kind || end > reach.end) reach = { point, end };
    }
    return issues;
  },
};
