import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type ReferenceSite, startReferenceSite } from './reference-site.fixture.ts';

// Node-RED is one runtime per process: one site for the whole file.
let site: ReferenceSite;
beforeAll(async () => {
  site = await startReferenceSite(
    fileURLToPath(new URL('pumping.json', import.meta.url)),
    'pumping-station',
  );
}, 60_000);
afterAll(async () => {
  await site?.close();
});

describe('the pumping station reference flow', () => {
  test('stores the readings of the station and raises pump/high-level past 3.5 m', async () => {
    site.sim.model.set('water-level', 4.25);
    const raised = site.nextEvent('pump/high-level');
    await site.deploy();
    const event = await raised;
    expect(event.level).toBe(2);
    expect(event.payload).toEqual({ device: 'pump-01', waterLevel: 4.25, setpoint: 3.5 });
    await vi.waitFor(
      async () => {
        const [batch] = await site.batches();
        expect(batch?.device).toBe('pump-01');
        expect(batch?.readings.find((r) => r.point === 'water-level')?.value).toBe(4.25);
        // Write-only start/stop coils are commanded, never read.
        expect(batch?.readings.some((r) => r.point === 'pump-1-start')).toBe(false);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
