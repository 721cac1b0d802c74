import type { TelemetryBatch } from '@heng/schemas';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { latestStoredReadings, type StoredReadingsSource } from './stored-readings.ts';

const MemoryPouch = PouchDB.plugin(memory);
let dbs: Map<string, PouchDB.Database>;
let source: StoredReadingsSource;

beforeEach(() => {
  dbs = new Map();
  source = {
    names: async () => [...dbs.keys()].sort(),
    segment: async (name) => dbs.get(name)!,
  };
});
afterEach(async () => {
  for (const db of dbs.values()) await db.destroy();
});

/** Stores a batch of `device` at minute `minute` of the segment's day, one reading per point. */
async function batch(
  segment: string,
  minute: number,
  device: string,
  values: Record<string, number>,
) {
  if (!dbs.has(segment))
    dbs.set(segment, new MemoryPouch(`${segment}-${Math.random()}`, { adapter: 'memory' }));
  const ts = `2026-11-${segment.slice(-2)}T08:${String(minute).padStart(2, '0')}:00.000Z`;
  const readings = Object.entries(values).map(([point, value]) => ({
    point,
    value,
    quality: 'good' as const,
    ts,
  }));
  const doc: TelemetryBatch = {
    _id: `tb/${String(Date.parse(ts)).padStart(15, '0')}/${device}/t-${minute}`,
    type: 'telemetry-batch',
    site: 'demo-01',
    device,
    readings,
    from: ts,
    to: ts,
    count: readings.length,
  };
  await dbs.get(segment)!.put(doc);
}

describe('latestStoredReadings', () => {
  test('gives each device its newest readings first, across day segments', async () => {
    await batch('telemetry-20261127', 50, 'pump-01', { level: 1 });
    await batch('telemetry-20261128', 1, 'pump-01', { level: 2, flow: 20 });
    await batch('telemetry-20261128', 2, 'air-01', { pm25: 12 });
    await batch('telemetry-20261128', 3, 'pump-01', { level: 3, flow: 30 });
    const { devices } = await latestStoredReadings(source, { limit: 3 });
    expect(devices['pump-01']?.map((r) => [r.point, r.value])).toEqual([
      ['flow', 30],
      ['level', 3],
      ['flow', 20],
    ]);
    expect(devices['air-01']).toEqual([
      { point: 'pm25', value: 12, quality: 'good', ts: '2026-11-28T08:02:00.000Z' },
    ]);
  });

  test('reaches back to older segments until the limit is met', async () => {
    await batch('telemetry-20261127', 50, 'pump-01', { level: 1 });
    await batch('telemetry-20261128', 1, 'pump-01', { level: 2 });
    const { devices } = await latestStoredReadings(source, { device: 'pump-01', limit: 5 });
    expect(devices['pump-01']?.map((r) => r.value)).toEqual([2, 1]);
  });

  test('gives only the device asked for', async () => {
    await batch('telemetry-20261128', 1, 'pump-01', { level: 2 });
    await batch('telemetry-20261128', 2, 'air-01', { pm25: 12 });
    const { devices } = await latestStoredReadings(source, { device: 'air-01' });
    expect(Object.keys(devices)).toEqual(['air-01']);
  });

  test('answers an empty store with no devices', async () => {
    expect(await latestStoredReadings(source)).toEqual({ devices: {}, scannedBatches: 0 });
  });

  test('refuses a limit out of range and a malformed device name, naming the value', async () => {
    await expect(latestStoredReadings(source, { limit: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('readings limit 0'),
    });
    await expect(latestStoredReadings(source, { device: 'pump 01' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('device "pump 01"'),
    });
  });
});
