/**
 * Issue 4, an edge stopped with SIGTERM: the readings it took just before are at the hub when it
 * has exited, without starting it again; and with the hub gone, it still stops at once, saying
 * that the rest goes at the next start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import {
  devicesFile,
  edgeBatches,
  fastProfile,
  startEdgeProcess,
  startSimulator,
} from './field.fixture.ts';
import { HubApi, startHubProcess } from './hub-process.fixture.ts';
import { Programs } from './processes.fixture.ts';

const programs = new Programs();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-e2e-shutdown-'));
});
afterAll(async () => {
  await programs.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** Every batch id at the hub, following the API's pages. */
async function idsAtHub(api: HubApi, site: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = null;
  do {
    const cursor: string = next ? `&cursor=${encodeURIComponent(next)}` : '';
    const page: { batches: Array<{ id: string }>; next: string | null } = await api.json(
      `/api/sites/${site}/telemetry?limit=1000${cursor}`,
    );
    ids.push(...page.batches.map((b) => b.id));
    next = page.next;
  } while (next);
  return ids;
}

test('an edge stopped with SIGTERM pushes its last readings to the hub before it exits', async () => {
  const site = 'lighting-05';
  const hub = await startHubProcess(programs, path.join(dir, 'hub-a'));
  const api = await HubApi.login(hub.url, 'admin', hub.adminPassword!);
  const token = await api.registerSite(site);
  const sim = await startSimulator(programs, await fastProfile(dir, 'streetlight-controller', 100));
  const devices = await devicesFile(dir, [
    { name: 'lamp-1', profile: 'streetlight-controller-100ms.json', port: sim.port },
  ]);
  const data = path.join(dir, 'edge-a');
  const edge = await startEdgeProcess(programs, { site, data, hub: hub.url, token, devices });
  await vi.waitFor(async () => expect((await idsAtHub(api, site)).length).toBeGreaterThan(2), {
    timeout: 30_000,
    interval: 250,
  });

  // Stopped while polling every 100 ms: its last readings wait in the store for their flush.
  expect(await edge.program.stop('SIGTERM')).toBe(0);
  expect(edge.program.output).toMatch(/heng-edge: pushed \d+ document\(s\) to the hub/);

  // Everything the edge stored is at the hub now, with no second start of the edge.
  const stored = (await edgeBatches(data)).map((b) => b._id).sort();
  const atHub = await idsAtHub(api, site);
  expect([...atHub].sort()).toEqual(stored);
  expect(new Set(atHub).size).toBe(atHub.length);
}, 120_000);

test('an edge whose hub is gone stops at once on SIGTERM and says the rest goes later', async () => {
  const site = 'lighting-06';
  const hub = await startHubProcess(programs, path.join(dir, 'hub-b'));
  const api = await HubApi.login(hub.url, 'admin', hub.adminPassword!);
  const token = await api.registerSite(site);
  const sim = await startSimulator(programs, await fastProfile(dir, 'streetlight-controller', 100));
  const devices = await devicesFile(dir, [
    { name: 'lamp-1', profile: 'streetlight-controller-100ms.json', port: sim.port },
  ]);
  const data = path.join(dir, 'edge-b');
  const edge = await startEdgeProcess(programs, { site, data, hub: hub.url, token, devices });
  const from = edge.program.output.length;
  await edge.program.printed(/heng-edge: sync online/);
  await hub.program.stop('SIGKILL');
  await edge.program.printed(/heng-edge: sync offline/, from);

  expect(await edge.program.stop('SIGTERM')).toBe(0);
  expect(edge.program.output).toMatch(
    /heng-edge: last push to the hub failed \(.+\); the rest goes to the hub at the next start/,
  );
  expect(edge.program.output).not.toContain(token);
}, 120_000);
