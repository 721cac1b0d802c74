/**
 * @module Check: a point whose registers run past the last Modbus address, 65535.
 */
import type { Issue } from '@heng/schemas';
import { pointWidth } from '../../modbus/point-width.ts';
import type { ProfileCheck } from './types.ts';

const LAST_ADDRESS = 65535;

/** The "address-range" check. */
export const addressRange: ProfileCheck = {
  id: 'address-range',
  description: 'A point ends at or before address 65535, its width included.',
  check(profile) {
    const issues: Issue[] = [];
    profile.points.forEach((point, i) => {
      const width = pointWidth(point);
      const end = point.address + width - 1;
      if (end > LAST_ADDRESS)
        issues.push({
          path: `/points/${i}/address`,
          message: `a ${point.type} of ${width} ${point.kind.endsWith('register') ? 'registers' : 'bits'} at ${point.address} ends at ${end}, past the last address ${LAST_ADDRESS}`,
        });
    });
    return issues;
  },
};
