/**
 * Issue 4, commands and events with real processes: a command made at the hub reaches the edge,
 * passes the device checks against a simulated street-light controller and its outcome comes
 * back; a command above the point's max comes back rejected with the reason; an event raised by a
 * flow at the edge appears at the hub.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  deployFlow,
  devicesFile,
  type EdgeProcess,
  fastProfile,
  startEdgeProcess,
  startSimulator,
} from './field.fixture.ts';
import { HubApi, startHubProcess } from './hub-process.fixture.ts';
import { EDGE_MAIN, Programs, ROOT, type RunningProgram } from './processes.fixture.ts';

const SITE = 'lighting-01';
const DEVICE = 'lamp-ctrl-1';
const programs = new Programs();
let dir: string;
let api: HubApi;
let edge: EdgeProcess;
let simPort: number;
let hubProgram: RunningProgram;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-e2e-commands-'));
  const hub = await startHubProcess(programs, path.join(dir, 'hub'));
  hubProgram = hub.program;
  api = await HubApi.login(hub.url, 'admin', hub.adminPassword!);
  const token = await api.registerSite(SITE);
  const profile = await fastProfile(dir, 'streetlight-controller', 500);
  const sim = await startSimulator(programs, profile);
  simPort = sim.port;
  const devices = await devicesFile(dir, [
    { name: DEVICE, profile: path.basename(profile), port: sim.port },
  ]);
  const data = path.join(dir, 'edge');
  edge = await startEdgeProcess(programs, { site: SITE, data, hub: hub.url, token, devices });
}, 60_000);
afterAll(async () => {
  await programs.dispose();
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  commandId: string;
  status: 'applied' | 'rejected' | 'failed' | 'expired';
  value?: unknown;
  readBack?: unknown;
  error?: { code: string; message: string };
}

/** Sends a command as the administrator and follows it until the edge's outcome is at the hub. */
async function command(point: string, value: unknown): Promise<Outcome> {
  const { command: sent } = await api.json<{ command: { id: string } }>(
    `/api/sites/${SITE}/commands`,
    { json: { device: DEVICE, point, value, reason: 'end-to-end test of issue 4' } },
  );
  // Driven by the outcome appearing: bounded, and done at the first answer.
  return vi.waitFor(
    async () => {
      const found = await api.json<{ outcome: Outcome | null }>(
        `/api/sites/${SITE}/commands/${sent.id}`,
      );
      expect(found.outcome).not.toBeNull();
      return found.outcome!;
    },
    { timeout: 30_000, interval: 200 },
  );
}

/** One read of a point straight from the simulator, with the real `heng-edge read`. */
async function readFromDevice(point: string): Promise<unknown> {
  const profile = path.join(dir, 'streetlight-controller-500ms.json');
  const read = programs.run(EDGE_MAIN, ['read', '--profile', profile, '--port', String(simPort)], {
    cwd: ROOT,
  });
  expect(await read.exited()).toBe(0);
  return (JSON.parse(read.stdout) as Record<string, { value: unknown }>)[point]?.value;
}

describe('commands and events between the real hub and a real edge', () => {
  test('a command within the point limits is applied on the device and read back', async () => {
    const outcome = await command('dimming', 40);
    expect(outcome).toMatchObject({ status: 'applied', value: 40, readBack: 40 });
    expect(await readFromDevice('dimming')).toBe(40);
  });

  test("a command above the point's max comes back rejected with the reason, the device untouched", async () => {
    const outcome = await command('dimming', 150);
    expect(outcome.status).toBe('rejected');
    expect(outcome.error?.message).toMatch(/above its max 100/);
    expect(await readFromDevice('dimming')).toBe(40);
  });

  test('a command for a read-only point is rejected at the edge', async () => {
    const outcome = await command('voltage', 230);
    expect(outcome.status).toBe('rejected');
    expect(outcome.error?.message).toMatch(/voltage/);
  });

  test('an event raised by a flow at the edge appears at the hub', async () => {
    const topic = 'lighting/fault/lamp-3';
    await deployFlow(edge, path.join(dir, 'edge'), [
      { id: 'e2e-tab', type: 'tab', label: 'end-to-end' },
      { id: 'e2e-site', type: 'heng-site', site: SITE },
      {
        id: 'e2e-fault',
        type: 'inject',
        z: 'e2e-tab',
        name: 'lamp 3 fails',
        props: [{ p: 'payload' }],
        payload: '{"circuit":3,"cause":"open circuit"}',
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
        topic,
        level: '2',
        wires: [],
      },
    ]);
    const event = await vi.waitFor(
      async () => {
        const { events } = await api.json<{ events: Array<Record<string, unknown>> }>(
          `/api/sites/${SITE}/events`,
        );
        const found = events.find((e) => e['topic'] === topic);
        expect(found).toBeDefined();
        return found!;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(event).toMatchObject({
      site: SITE,
      level: 2,
      payload: { circuit: 3, cause: 'open circuit' },
      source: expect.stringMatching(new RegExp(`^edge:${SITE}/node-red/`)),
    });
  });

  test('the hub stops cleanly on SIGTERM after its edge has stopped', async () => {
    expect(await edge.program.stop('SIGTERM')).toBe(0);
    expect(await hubProgram.stop('SIGTERM')).toBe(0);
    expect(hubProgram.output).toContain('heng-hub: stopped');
  });
});
