import type { HengEvent } from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { startTestHub, type TestHub } from '../hub.fixture.ts';
import {
  HUB_PLUGIN_ID,
  type HubApp,
  type HubCall,
  hubApp,
  hubCallVia,
  hubInstallRequest,
  hubPluginManifest,
  publishHubPlugin,
} from './hub-plugin.fixture.ts';

const SITE = 'pumping-01';
let t: TestHub;
let call: HubCall;

beforeAll(async () => {
  t = await startTestHub();
  call = hubCallVia((route, init) => t.call(route, init));
  expect((await call('POST', '/api/sites', { id: SITE, name: 'Pumping station' })).status).toBe(
    201,
  );
  await publishHubPlugin(call);
}, 60_000);
afterAll(() => t.close());

/** Waits for the hub to report its plugin in `state` (the runner writes the report). */
function reported(state: string): Promise<HubApp> {
  return vi.waitFor(
    async () => {
      const app = await hubApp(call);
      expect(app.status?.state).toBe(state);
      return app;
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** A high-water event as the pumping flow raises it, as replication brings it into the site's control db. */
async function raiseHighWater(ts = new Date()): Promise<HengEvent> {
  const event: HengEvent = {
    id: crypto.randomUUID(),
    topic: 'pump/high-level',
    source: `edge:${SITE}/node-red/pumping-event`,
    site: SITE,
    ts: ts.toISOString(),
    level: 2,
    payload: { device: 'pump-01', waterLevel: 4.25, setpoint: 3.5 },
    dataClass: 'internal',
  };
  await t.hub.parts.couch
    .db(siteDbName(SITE, 'control'))
    .insert({ ...event, type: 'event', _id: `event/${event.ts}/${event.id}` } as never);
  return event;
}

interface Incident {
  topic: string;
  source: string;
  payload: { site: string; commandId: string | null; error: string | null; level: number | null };
}

/** A telemetry batch of the pump station's water level, as the edge pushes it. */
async function pushWaterLevel(value: number, at = new Date()): Promise<void> {
  const ts = at.toISOString();
  await t.hub.parts.couch.db(siteDbName(SITE, 'telemetry')).insert({
    _id: `tb/${at.getTime().toString().padStart(15, '0')}/pump-01/${crypto.randomUUID()}`,
    type: 'telemetry-batch',
    site: SITE,
    device: 'pump-01',
    readings: [
      { point: 'water-level', value: value - 0.5, quality: 'good', ts },
      { point: 'flow', value: 12, quality: 'good', ts },
      { point: 'water-level', value, quality: 'good', ts },
    ],
    from: ts,
    to: ts,
    count: 3,
  } as never);
}

/** Waits for the `n`th incident the plugin opened at the hub (newest first in the API). */
function incidents(n: number): Promise<Incident[]> {
  return vi.waitFor(
    async () => {
      const { json } = await call('GET', '/api/hub/events');
      const found = (json as { events: Incident[] }).events.filter(
        (e) => e.topic === 'incident/flooding/opened',
      );
      expect(found.length).toBeGreaterThanOrEqual(n);
      return found;
    },
    { timeout: 20_000, interval: 100 },
  );
}

describe('plugins at the hub', () => {
  test('refuses to install a hub plugin at a site, or an edge plugin at the hub, naming /runsOn', async () => {
    const atSite = await call('POST', '/api/installs', hubInstallRequest([SITE]));
    expect(atSite.status).toBe(400);
    expect(JSON.stringify(atSite.json)).toMatch(/not at a site's edge \(\/runsOn\)/);
    const registered = await call('POST', '/api/sites', { id: 'hub', name: 'Not a site' });
    expect(registered.status).toBe(400);
    expect(JSON.stringify(registered.json)).toMatch(/reserved for the hub/);
  });

  test('installs with consent at the hub, where it runs and is reported active', async () => {
    const installed = await call('POST', '/api/installs', hubInstallRequest());
    expect(installed.status).toBe(201);
    const app = await reported('active');
    expect(app.install).toMatchObject({ site: 'hub', state: 'active' });
    expect(app.status?.current).toBe(true);
  });

  test("a site's alarm reaches the plugin, which reads the site's latest level and commands that site's edge as a plugin, audited", async () => {
    await pushWaterLevel(3.9, new Date(Date.now() - 60_000));
    await pushWaterLevel(4.25);
    await raiseHighWater();
    const [incident] = await incidents(1);
    expect(incident).toMatchObject({
      source: `plugin:${HUB_PLUGIN_ID}`,
      payload: { site: SITE, error: null, level: 4.25 },
    });
    const commandId = incident!.payload.commandId!;
    const { json } = await call('GET', `/api/sites/${SITE}/commands/${commandId}`);
    expect((json as { command: unknown }).command).toMatchObject({
      site: SITE,
      device: 'pump-01',
      point: 'pump-2-start',
      value: true,
      requestedBy: { kind: 'plugin', id: HUB_PLUGIN_ID },
    });
    const audit = await call('GET', `/api/audit?actor=plugin:${HUB_PLUGIN_ID}`);
    const actions = (audit.json as { entries: Array<{ action: string; outcome: string }> }).entries;
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'command.send', outcome: 'ok' }),
        expect.objectContaining({ action: 'plugin.events.publish', outcome: 'ok' }),
      ]),
    );
  });

  test('an alarm older than the event age limit (a site back after long offline) sets nothing off', async () => {
    const seen: string[] = [];
    const sub = t.hub.plugins.bus.subscribe('pump/#', (e) => {
      seen.push(e.id);
    });
    const old = await raiseHighWater(new Date(Date.now() - 60 * 60_000));
    const fresh = await raiseHighWater();
    await vi.waitFor(() => expect(seen).toContain(fresh.id), { timeout: 20_000, interval: 50 });
    expect(seen).not.toContain(old.id);
    sub.dispose();
  });

  test('revoking the package stops it at the hub', async () => {
    const revoked = await call('POST', `/api/catalog/packages/${HUB_PLUGIN_ID}/1.0.0/revoke`, {
      reason: 'end-to-end test',
    });
    expect(revoked.status).toBe(200);
    expect((revoked.json as { sites: string[] }).sites).toEqual(['hub', SITE]);
    const app = await reported('revoked');
    expect(app.status?.lastError?.code).toBe('package_revoked');
    expect(t.hub.plugins.host.list()).toEqual([]);
  });

  test('a package made for both places installs at the hub and at a site in one request', async () => {
    const id = 'com.example.both-places';
    await publishHubPlugin(call, hubPluginManifest('1.0.0', ['edge', 'hub'], id));
    const installed = await call(
      'POST',
      '/api/installs',
      hubInstallRequest(['hub', SITE], '1.0.0', id),
    );
    expect(installed.status).toBe(201);
    for (const place of ['hub', SITE]) {
      const { json } = await call('GET', `/api/sites/${place}/apps/${id}`);
      expect((json as HubApp).install).toMatchObject({ site: place, state: 'active' });
    }
  });
});
