import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type ReferenceSite, startReferenceSite } from './reference-site.fixture.ts';

// Node-RED is one runtime per process: one site for the whole file.
let site: ReferenceSite;
beforeAll(async () => {
  site = await startReferenceSite(
    fileURLToPath(new URL('streetlight.json', import.meta.url)),
    'streetlight-controller',
  );
}, 60_000);
afterAll(async () => {
  await site?.close();
});

describe('the street lighting reference flow', () => {
  test('stores the readings of the controller and raises lighting/lamp-fault for a faulty lamp', async () => {
    site.sim.model.set('lamp-2-fault', true);
    const raised = site.nextEvent('lighting/lamp-fault');
    await site.deploy();
    const event = await raised;
    expect(event.level).toBe(3);
    expect(event.payload).toEqual({ device: 'lamp-01', lamps: ['lamp-2-fault'] });
    await vi.waitFor(
      async () => {
        const [batch] = await site.batches();
        expect(batch?.device).toBe('lamp-01');
        expect(batch?.readings.map((r) => r.point)).toEqual(
          expect.arrayContaining(['dimming', 'lamp-1-on', 'lamp-2-fault', 'power', 'energy']),
        );
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  test('the night-plan button dims the lamps to 40 % through heng write', async () => {
    await site.inject('streetlight-dim');
    await vi.waitFor(() => expect(site.sim.value('dimming')).toBe(40), {
      timeout: 10_000,
      interval: 50,
    });
  });
});
