import type { DevicePoint } from '@heng/schemas';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/index.ts';
import { coalesceReads } from './plan.ts';
import type { ReadRequest } from './types.ts';

function reg(name: string, address: number, over: Partial<DevicePoint> = {}): DevicePoint {
  return {
    name,
    kind: 'input-register',
    address,
    type: 'uint16',
    access: 'read',
    dataClass: 'internal',
    ...over,
  };
}
const bit = (name: string, address: number, over: Partial<DevicePoint> = {}) =>
  reg(name, address, { kind: 'coil', type: 'bool', access: 'readwrite', ...over });

/** A compact view of a plan: table, span and the names served with their offsets. */
const shape = (requests: ReadRequest[]) =>
  requests.map((r) => ({
    table: r.table,
    address: r.address,
    count: r.count,
    points: r.points.map((p) => `${p.point.name}@${p.offset}+${p.width}`),
  }));

describe('coalesceReads', () => {
  it('merges neighbouring registers into one request, with each point at its offset', () => {
    const plan = coalesceReads(
      [reg('a', 0, { type: 'float32' }), reg('b', 2), reg('c', 3, { type: 'float64' })],
      { unit: 5 },
    );
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ unit: 5, table: 'input-register', address: 0, count: 7 });
    expect(shape(plan)[0]?.points).toEqual(['a@0+2', 'b@2+1', 'c@3+4']);
  });

  it('sorts unsorted input by address', () => {
    const plan = coalesceReads([reg('c', 4), reg('a', 0), reg('b', 2)], { unit: 1 });
    expect(shape(plan)).toEqual([
      { table: 'input-register', address: 0, count: 5, points: ['a@0+1', 'b@2+1', 'c@4+1'] },
    ]);
  });

  it('fills a request to exactly 125 registers and starts another at the 126th', () => {
    const full = Array.from({ length: 125 }, (_, i) => reg(`r${i}`, 100 + i));
    expect(shape(coalesceReads(full, { unit: 1 })).map((r) => [r.address, r.count])).toEqual([
      [100, 125],
    ]);
    const over = [...full, reg('r125', 225)];
    expect(shape(coalesceReads(over, { unit: 1 })).map((r) => [r.address, r.count])).toEqual([
      [100, 125],
      [225, 1],
    ]);
  });

  it('moves a float64 that would straddle the 125-register limit into the next request', () => {
    // A gap allowance as wide as a request, so that only the size limit splits.
    const options = { unit: 1, maxGap: { registers: 125 } };
    const points = [reg('first', 0), reg('wide', 122, { type: 'float64' })];
    expect(shape(coalesceReads(points, options))).toEqual([
      { table: 'input-register', address: 0, count: 1, points: ['first@0+1'] },
      { table: 'input-register', address: 122, count: 4, points: ['wide@0+4'] },
    ]);
    const fits = [reg('first', 0), reg('wide', 121, { type: 'float64' })];
    expect(shape(coalesceReads(fits, options)).map((r) => r.count)).toEqual([125]);
  });

  it('bridges a gap of up to 8 registers by default, not 9', () => {
    expect(coalesceReads([reg('a', 0), reg('b', 9)], { unit: 1 })).toHaveLength(1);
    expect(coalesceReads([reg('a', 0), reg('b', 10)], { unit: 1 })).toHaveLength(2);
  });

  it('never bridges a big gap', () => {
    const plan = coalesceReads([reg('a', 0), reg('b', 1000), reg('c', 60000)], { unit: 1 });
    expect(shape(plan).map((r) => [r.address, r.count])).toEqual([
      [0, 1],
      [1000, 1],
      [60000, 1],
    ]);
  });

  it('takes maxGap as the knob: 0 merges only contiguous points', () => {
    const points = [reg('a', 0), reg('b', 1), reg('c', 3)];
    expect(coalesceReads(points, { unit: 1, maxGap: { registers: 0 } })).toHaveLength(2);
    expect(coalesceReads(points, { unit: 1, maxGap: { registers: 1 } })).toHaveLength(1);
  });

  it('merges bits within 2000 and bridges up to 64 unused bits', () => {
    const coils = Array.from({ length: 2000 }, (_, i) => bit(`c${i}`, i));
    expect(shape(coalesceReads(coils, { unit: 1 })).map((r) => r.count)).toEqual([2000]);
    expect(coalesceReads([...coils, bit('extra', 2000)], { unit: 1 })).toHaveLength(2);
    expect(coalesceReads([bit('a', 0), bit('b', 65)], { unit: 1 })).toHaveLength(1);
    expect(coalesceReads([bit('a', 0), bit('b', 66)], { unit: 1 })).toHaveLength(2);
  });

  it('honours lower limits for devices that accept less', () => {
    const points = Array.from({ length: 20 }, (_, i) => reg(`r${i}`, i));
    const plan = coalesceReads(points, { unit: 1, limits: { maxReadRegisters: 8 } });
    expect(plan.map((r) => r.count)).toEqual([8, 8, 4]);
  });

  it('refuses limits above the protocol and a point wider than the limit', () => {
    expect(() =>
      coalesceReads([reg('a', 0)], { unit: 1, limits: { maxReadRegisters: 126 } }),
    ).toThrow(/read limit 126 registers for unit 1 must be an integer from 1 to 125/);
    expect(() =>
      coalesceReads([reg('name', 4, { type: 'string', length: 10 })], {
        unit: 1,
        limits: { maxReadRegisters: 8 },
      }),
    ).toThrow(/point "name" \(input-register 4\) spans 10, more than one read of unit 1/);
    expect(() => coalesceReads([reg('a', 0)], { unit: 1, maxGap: { registers: -1 } })).toThrow(
      /maxGap -1 registers/,
    );
    expect(() => coalesceReads([reg('a', 0)], { unit: 300 })).toThrow(/unit id 300/);
  });

  it('plans only points with read access', () => {
    const plan = coalesceReads(
      [bit('start', 0, { access: 'write' }), bit('on', 1), reg('level', 0)],
      { unit: 1 },
    );
    expect(shape(plan).map((r) => r.points)).toEqual([['on@0+1'], ['level@0+1']]);
  });

  it('orders tables as function codes 1 to 4, and keeps tables apart', () => {
    const plan = coalesceReads(
      [
        reg('ir', 0),
        reg('hr', 0, { kind: 'holding-register', access: 'readwrite' }),
        reg('di', 0, { kind: 'discrete-input', type: 'bool' }),
        bit('co', 0),
      ],
      { unit: 1 },
    );
    expect(plan.map((r) => r.table)).toEqual([
      'coil',
      'discrete-input',
      'holding-register',
      'input-register',
    ]);
  });

  it('still reads points that overlap (parseProfile refuses them earlier)', () => {
    const plan = coalesceReads([reg('whole', 0, { type: 'uint32' }), reg('low', 1)], { unit: 1 });
    expect(shape(plan)).toEqual([
      { table: 'input-register', address: 0, count: 2, points: ['whole@0+2', 'low@1+1'] },
    ]);
  });

  it('returns no requests for no readable points', () => {
    expect(coalesceReads([], { unit: 1 })).toEqual([]);
  });

  it('plans each reference profile in a handful of requests', async () => {
    const counts: Record<string, number> = {};
    for (const name of ['streetlight-controller', 'environment-station', 'pumping-station']) {
      const profile = await loadProfile(new URL(`../../profiles/${name}.json`, import.meta.url));
      const plan = coalesceReads(profile.points, { unit: profile.defaults?.unit ?? 1 });
      const readable = profile.points.filter((p) => p.access !== 'write');
      expect(plan.flatMap((r) => r.points.map((p) => p.point.name)).sort()).toEqual(
        readable.map((p) => p.name).sort(),
      );
      counts[name] = plan.length;
    }
    // Street light: coils, fault inputs, dimming, firmware (far away), meter. Environment:
    // heater, faults, settings, station id, and the sensors (gap 5–9 bridged). Pumping: running
    // and faults together, settings, level/flow/pressure, hours, volume (gap 14–19 bridged).
    expect(counts).toEqual({
      'streetlight-controller': 5,
      'environment-station': 5,
      'pumping-station': 3,
    });
  });
});
