import { describe, expect, test } from 'vitest';
import { writeRequestOf } from './write-request.ts';

describe('what a heng write node writes for a message', () => {
  test("takes the value from msg.payload, the point from the node and the message's reason", () => {
    expect(
      writeRequestOf({ payload: 40, reason: 'night plan' }, { point: 'dimming' }, 'lamp-7'),
    ).toEqual({ point: 'dimming', value: 40, reason: 'night plan' });
  });

  test('takes point and value from a { point, value } payload and the reason from the node', () => {
    expect(
      writeRequestOf(
        { payload: { point: 'lamp-1-on', value: false } },
        { reason: 'maintenance' },
        'lamp-7',
      ),
    ).toEqual({ point: 'lamp-1-on', value: false, reason: 'maintenance' });
  });

  test("prefers the node's point to the message's", () => {
    expect(
      writeRequestOf(
        { payload: 1, point: 'other', reason: 'r' },
        { point: 'emergency-mode' },
        'pump-1',
      ).point,
    ).toBe('emergency-mode');
  });

  test('refuses a write without a reason, naming device and point', () => {
    expect(() => writeRequestOf({ payload: 40 }, { point: 'dimming' }, 'lamp-7')).toThrow(
      'write to point "dimming" of device "lamp-7" needs a reason',
    );
  });

  test('refuses a write without a point', () => {
    expect(() => writeRequestOf({ payload: 40, reason: 'r' }, {}, 'lamp-7')).toThrow(
      'write to device "lamp-7": no point',
    );
  });

  test('refuses a payload that is neither a value nor { point, value }', () => {
    expect(() =>
      writeRequestOf({ payload: { dimming: 40 }, reason: 'r' }, { point: 'dimming' }, 'lamp-7'),
    ).toThrow('msg.payload must be the value or { point, value }');
  });
});
