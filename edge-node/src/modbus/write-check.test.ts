import type { DevicePoint } from '@heng/schemas';
import { describe, expect, it } from 'vitest';
import { checkWrite, type WriteCheckOptions, WriteRefusedError } from './write-check.ts';

const dimming: DevicePoint = {
  name: 'dimming',
  kind: 'holding-register',
  address: 0,
  type: 'uint16',
  unit: '%',
  access: 'readwrite',
  min: 0,
  max: 100,
  dataClass: 'internal',
};
const lampOn: DevicePoint = {
  name: 'lamp-1-on',
  kind: 'coil',
  address: 3,
  type: 'bool',
  access: 'readwrite',
  dataClass: 'internal',
};
const device = { device: 'lamp-cabinet-7' };

function refusal(
  point: DevicePoint,
  value: unknown,
  options: WriteCheckOptions = device,
): WriteRefusedError {
  try {
    checkWrite(point, value, options);
  } catch (err) {
    if (err instanceof WriteRefusedError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe('checkWrite', () => {
  it('returns the words for a holding register and the bits for a coil', () => {
    expect(checkWrite(dimming, 80, device)).toEqual({
      table: 'holding-register',
      address: 0,
      words: [80],
    });
    expect(checkWrite(lampOn, true, device)).toEqual({ table: 'coil', address: 3, bits: [true] });
  });

  it('accepts the limits themselves', () => {
    expect(checkWrite(dimming, 0)).toMatchObject({ words: [0] });
    expect(checkWrite(dimming, 100)).toMatchObject({ words: [100] });
  });

  it("refuses a command above the point's max, naming device, point and limit", () => {
    const err = refusal(dimming, 120);
    expect(err.message).toBe(
      'refused write to point "dimming" of device "lamp-cabinet-7" (holding-register 0): 120 % is above its max 100 %',
    );
    expect(err).toMatchObject({
      code: 'invalid_input',
      reason: 'limit',
      limit: 100,
      device: 'lamp-cabinet-7',
      point: 'dimming',
    });
  });

  it("refuses a command below the point's min", () => {
    const err = refusal(dimming, -1);
    expect(err.message).toMatch(/-1 % is below its min 0 %/);
    expect(err.limit).toBe(0);
  });

  it('checks limits in engineering units, before scale and offset', () => {
    const level: DevicePoint = { ...dimming, name: 'start-level', scale: 0.01, min: 0.5, max: 4.5 };
    expect(checkWrite(level, 1.25)).toMatchObject({ words: [125] });
    expect(refusal(level, 4.6).message).toMatch(/4.6 % is above its max 4.5 %/);
  });

  it('refuses a write to a read-only point as permission_denied', () => {
    const err = refusal({ ...dimming, access: 'read' }, 50);
    expect(err).toMatchObject({ code: 'permission_denied', reason: 'access' });
    expect(err.message).toMatch(/read-only \(access "read"\)/);
  });

  it('refuses tables that cannot be written whatever the access says', () => {
    const input: DevicePoint = { ...dimming, kind: 'input-register', access: 'readwrite' };
    expect(refusal(input, 50).message).toMatch(/a input-register cannot be written/);
    const discrete: DevicePoint = { ...lampOn, kind: 'discrete-input' };
    expect(refusal(discrete, true).reason).toBe('access');
  });

  it('refuses a value of the wrong type', () => {
    expect(refusal(lampOn, 1).message).toMatch(/a bool point takes a boolean, got the number 1/);
    expect(refusal(dimming, '50').message).toMatch(
      /a uint16 point takes a number, got the string "50"/,
    );
    expect(refusal(dimming, true).reason).toBe('type');
    expect(refusal(dimming, null).message).toMatch(/got null/);
    const label: DevicePoint = { ...dimming, type: 'string', length: 4, min: undefined };
    expect(refusal(label, 5).message).toMatch(/a string point takes a string, got the number 5/);
  });

  it('refuses NaN and Infinity even without limits', () => {
    const free: DevicePoint = { ...dimming, min: undefined, max: undefined, type: 'float32' };
    expect(refusal(free, Number.NaN)).toMatchObject({ reason: 'not-finite' });
    expect(refusal(free, Number.NEGATIVE_INFINITY).message).toMatch(/-Infinity is not a finite/);
  });

  it('refuses a value the raw type cannot hold, with the codec error as cause', () => {
    const free: DevicePoint = { ...dimming, min: undefined, max: undefined };
    const err = refusal(free, 70000);
    expect(err.reason).toBe('encoding');
    expect(err.message).toMatch(/70000 does not fit a uint16 \(0 to 65535\)/);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('encodes with the profile defaults and writes strings', () => {
    const setpoint: DevicePoint = { ...dimming, type: 'float32', min: undefined, max: undefined };
    expect(checkWrite(setpoint, 123.456, { defaults: { wordOrder: 'little' } })).toMatchObject({
      words: [0xe979, 0x42f6],
    });
    const label: DevicePoint = { ...dimming, type: 'string', length: 2, min: undefined };
    expect(checkWrite({ ...label, max: undefined }, 'AB')).toMatchObject({ words: [0x4142, 0] });
  });

  it('names only the point when no device is given', () => {
    expect(refusal(dimming, 101, {}).message).toMatch(/^refused write to point "dimming" \(/);
  });
});
