import { describe, expect, test } from 'vitest';
import type { Reading } from '../modbus/device.ts';
import { DeviceReadError, deviceRead } from './read-device.ts';
import { readingsOf } from './readings.ts';

const ts = '2026-01-01T00:00:00.000Z';
const good: Reading = { point: 'dimming', value: 80, unit: '%', quality: 'good', ts };
const bad: Reading = {
  point: 'power',
  value: null,
  quality: 'bad',
  ts,
  error: { code: 'device_timeout', message: 'no reply within 1000 ms (tcp 127.0.0.1:5020)' },
};

describe('what a heng read node sends for one read of its device', () => {
  test('sends the readings that have values, in the shape telemetry out stores', () => {
    const read = deviceRead('lamp-7', [good]);
    expect(read).toEqual({
      payload: [{ point: 'dimming', value: 80, quality: 'good', ts }],
      errors: [],
    });
    expect(
      readingsOf({ payload: read.payload, device: 'lamp-7' }, '', new Date()).readings,
    ).toEqual(read.payload);
  });

  test('lists the points that failed beside those that were read', () => {
    const read = deviceRead('lamp-7', [good, bad]);
    expect(read.payload.map((r) => r.point)).toEqual(['dimming']);
    expect(read.errors).toEqual([{ point: 'power', error: bad.error }]);
  });

  test('fails when no point could be read, with the first error and the device', () => {
    let thrown: unknown;
    try {
      deviceRead('lamp-7', [bad]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DeviceReadError);
    expect((thrown as Error).message).toBe(
      'device "lamp-7": no point could be read: no reply within 1000 ms (tcp 127.0.0.1:5020)',
    );
    expect((thrown as DeviceReadError).errors).toHaveLength(1);
  });
});
