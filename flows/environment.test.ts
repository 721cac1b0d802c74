import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type ReferenceSite, startReferenceSite } from './reference-site.fixture.ts';

// Node-RED is one runtime per process: one site for the whole file.
let site: ReferenceSite;
beforeAll(async () => {
  site = await startReferenceSite(
    fileURLToPath(new URL('environment.json', import.meta.url)),
    'environment-station',
  );
}, 60_000);
afterAll(async () => {
  await site?.close();
});

describe('the environment station reference flow', () => {
  test('stores the readings of the station and raises air/pm25-high above 75 µg/m³', async () => {
    site.sim.model.set('pm25', 120);
    const raised = site.nextEvent('air/pm25-high');
    await site.deploy();
    const event = await raised;
    expect(event.level).toBe(3);
    expect(event.payload).toEqual({ device: 'air-01', pm25: 120, limit: 75 });
    await vi.waitFor(
      async () => {
        const [batch] = await site.batches();
        expect(batch?.device).toBe('air-01');
        expect(batch?.readings.find((r) => r.point === 'pm25')?.value).toBe(120);
        expect(batch?.readings.map((r) => r.point)).toEqual(
          expect.arrayContaining(['pm10', 'no2', 'noise', 'temperature', 'humidity']),
        );
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
