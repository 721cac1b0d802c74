/**
 * Issue 4, a command made by a hub plugin, with real processes: a plugin installed at the hub
 * through the catalog hears a high-water alarm a flow raised at a pumping station's edge, and
 * commands the station's standby pump; the command reaches the edge, passes the device checks
 * against a simulated pumping-station controller, and its outcome comes back to the hub.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  HUB_PLUGIN_ID,
  type HubCall,
  hubApp,
  hubCallVia,
  hubInstallRequest,
  publishHubPlugin,
} from '../plugins/hub-plugin.fixture.ts';
import {
  deployFlow,
  devicesFile,
  type EdgeProcess,
  fastProfile,
  startEdgeProcess,
  startSimulator,
} from './field.fixture.ts';
import { HubApi, startHubProcess } from './hub-process.fixture.ts';
import { Programs } from './processes.fixture.ts';

const SITE = 'pumping-01';
const DEVICE = 'pump-01';
const programs = new Programs();
let dir: string;
let api: HubApi;
let edge: EdgeProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-e2e-hub-plugin-'));
  const hub = await startHubProcess(programs, path.join(dir, 'hub'));
  api = await HubApi.login(hub.url, 'admin', hub.adminPassword!);
  const token = await api.registerSite(SITE, 'pumping');
  const profile = await fastProfile(dir, 'pumping-station', 1000);
  const sim = await startSimulator(programs, profile);
  const devices = await devicesFile(dir, [
    { name: DEVICE, profile: path.basename(profile), port: sim.port },
  ]);
  edge = await startEdgeProcess(programs, {
    site: SITE,
    data: path.join(dir, 'edge'),
    hub: hub.url,
    token,
    devices,
  });
}, 60_000);
afterAll(async () => {
  await programs.dispose();
  await rm(dir, { recursive: true, force: true });
});

const call: HubCall = hubCallVia((route, init) => api.call(route, init));

/** A flow that raises the pumping station's high-water alarm once, as the reference flow does. */
const ALARM_FLOW = [
  { id: 'e2e-tab', type: 'tab', label: 'end-to-end' },
  { id: 'e2e-site', type: 'heng-site', site: SITE },
  {
    id: 'e2e-alarm',
    type: 'inject',
    z: 'e2e-tab',
    name: 'water above the setpoint',
    props: [{ p: 'payload' }],
    payload: `{"device":"${DEVICE}","waterLevel":4.25,"setpoint":3.5}`,
    payloadType: 'json',
    repeat: '',
    once: true,
    onceDelay: 0.1,
    wires: [['e2e-event']],
  },
  {
    id: 'e2e-event',
    type: 'heng event out',
    z: 'e2e-tab',
    site: 'e2e-site',
    topic: 'pump/high-level',
    level: '2',
    wires: [],
  },
];

describe('a hub plugin commanding a field device, with a real hub and a real edge', () => {
  test("the plugin's command, set off by the edge's alarm, is applied at the edge and its outcome is at the hub", async () => {
    await publishHubPlugin(call);
    expect((await call('POST', '/api/installs', hubInstallRequest())).status).toBe(201);
    await vi.waitFor(
      async () =>
        expect((await hubApp(call)).status).toMatchObject({ state: 'active', current: true }),
      { timeout: 30_000, interval: 200 },
    );

    await deployFlow(edge, path.join(dir, 'edge'), ALARM_FLOW);
    const incident = await vi.waitFor(
      async () => {
        const { json } = await call('GET', '/api/hub/events');
        const found = (json as { events: Array<{ topic: string; payload: unknown }> }).events.find(
          (e) => e.topic === 'incident/flooding/opened',
        );
        expect(found).toBeDefined();
        return found!.payload as { site: string; commandId: string; error: string | null };
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(incident).toMatchObject({ site: SITE, error: null });

    const answered = await vi.waitFor(
      async () => {
        const { json } = await call('GET', `/api/sites/${SITE}/commands/${incident.commandId}`);
        const found = json as { command: unknown; outcome: { status: string } | null };
        expect(found.outcome).not.toBeNull();
        return found;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(answered.command).toMatchObject({
      device: DEVICE,
      point: 'pump-2-start',
      value: true,
      requestedBy: { kind: 'plugin', id: HUB_PLUGIN_ID },
    });
    expect(answered.outcome).toMatchObject({ status: 'applied', value: true });
  });
});
