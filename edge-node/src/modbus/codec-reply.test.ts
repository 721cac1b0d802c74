import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/index.ts';
import { CodecError } from './codec.ts';
import { decodeReply } from './codec-reply.ts';
import { ModbusFrameError } from './errors.ts';
import { coalesceReads } from './plan.ts';
import type { ReadRequest } from './types.ts';

const profile = await loadProfile(
  new URL('../../profiles/environment-station.json', import.meta.url),
);
const plan = coalesceReads(profile.points, { unit: 2 });
const sensors = plan.find((r) => r.table === 'input-register') as ReadRequest;

// PM2.5 35.2, PM10 60.1, NO2 41.5 (float32 low word first), noise 58.3, a gap, 21.5 °C,
// 64.0 %RH, wind 3.25 m/s and 1013.25 hPa (float32 high word first).
const words = [
  352, 601, 0x0000, 0x4226, 583, 0, 0, 0, 0, 0, 215, 640, 0x4050, 0x0000, 0x447d, 0x5000,
];

describe('decodeReply', () => {
  it('decodes every point a request serves, each at its offset and in its own order', () => {
    expect(sensors).toMatchObject({ address: 0, count: 16 });
    const values = Object.fromEntries(
      decodeReply(sensors, { words }, profile.defaults).map((d) => [
        d.point.name,
        'value' in d ? d.value : d.error,
      ]),
    );
    expect(values).toEqual({
      pm25: 35.2,
      pm10: 60.1,
      no2: 41.5,
      noise: 58.3,
      temperature: 21.5,
      humidity: 64,
      'wind-speed': 3.25,
      pressure: 1013.25,
    });
  });

  it('decodes bits for coils and discrete inputs', () => {
    const faults = plan.find((r) => r.table === 'discrete-input') as ReadRequest;
    const decoded = decodeReply(faults, {
      bits: [false, true, false, false, false, false, false, false],
    });
    expect(decoded.map((d) => ('value' in d ? d.value : d.error))).toEqual([false, true]);
  });

  it('reports a point it cannot decode beside the others', () => {
    const broken = [...words];
    broken[4] = 70000;
    const decoded = decodeReply(sensors, { words: broken }, profile.defaults);
    const noise = decoded.find((d) => d.point.name === 'noise');
    expect(noise && 'error' in noise && noise.error).toBeInstanceOf(CodecError);
    expect(decoded.filter((d) => 'value' in d)).toHaveLength(7);
  });

  it('refuses a reply of the wrong kind or too short for the request', () => {
    expect(() => decodeReply(sensors, { bits: [true] })).toThrow(ModbusFrameError);
    expect(() => decodeReply(sensors, { bits: [true] })).toThrow(
      'malformed reply: has bits where 16 registers were asked for (unit 2, read input-register 0..15)',
    );
    expect(() => decodeReply(sensors, { words: words.slice(0, 15) })).toThrow(
      /has only 15 where 16 registers were asked for/,
    );
  });
});
