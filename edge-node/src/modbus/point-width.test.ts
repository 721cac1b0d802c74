import type { DevicePoint } from '@heng/schemas';
import { describe, expect, it } from 'vitest';
import { pointEnd, pointWidth } from './point-width.ts';

const point = (type: DevicePoint['type'], length?: number): DevicePoint => ({
  name: 'p',
  kind: 'holding-register',
  address: 10,
  type,
  access: 'read',
  dataClass: 'internal',
  ...(length === undefined ? {} : { length }),
});

describe('pointWidth', () => {
  const table: Array<[DevicePoint['type'], number | undefined, number]> = [
    ['bool', undefined, 1],
    ['int16', undefined, 1],
    ['uint16', undefined, 1],
    ['int32', undefined, 2],
    ['uint32', undefined, 2],
    ['float32', undefined, 2],
    ['float64', undefined, 4],
    ['string', 8, 8],
    ['string', 123, 123],
  ];
  for (const [type, length, width] of table) {
    it(`gives a ${type}${length ? ` of length ${length}` : ''} ${width} register(s)`, () => {
      expect(pointWidth(point(type, length))).toBe(width);
      expect(pointEnd(point(type, length))).toBe(10 + width - 1);
    });
  }

  it('refuses a string point without a length', () => {
    expect(() => pointWidth(point('string'))).toThrow(
      'point "p" (holding-register 10) is a string without a length in registers',
    );
  });
});
