/**
 * The technician's walkthrough of the README's quick start, as child processes of the real CLI, in
 * the README's order: simulator, one-shot read, edge, admin sign-in, the pumping flow deployed
 * through the admin API (what the editor's Import and Deploy send), stored readings, SIGTERM. The
 * README's commands are checked to be these, so the two cannot drift apart.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchReading } from '@heng/schemas';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { adminPost, editorAddressFileIn, runningEditorOf } from '../node-red/index.ts';
import { loadProfile } from '../profiles/index.ts';
import { hengEdge } from './commissioning.fixture.ts';
import { editorFolder } from './edge-folder.ts';
import { type RunningCommand, runHengEdge } from './running.fixture.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = path.join(ROOT, 'edge-node', 'README.md');
const PROFILE = 'edge-node/profiles/pumping-station.json';
const DATA = '.heng/edge-demo-01';

/** The quick start's commands, as the README writes them (fixed ports, data under .heng/). */
const STEPS = {
  sim: ['sim', '--profile', PROFILE, '--port', '5020'],
  read: ['read', '--profile', PROFILE, '--port', '5020'],
  start: ['start', '--site', 'demo-01', '--data', DATA],
  admin: ['admin', '--data', DATA],
  readings: ['readings', '--data', DATA, '--device', 'pump-01'],
};

let data: string;
const running: RunningCommand[] = [];
beforeEach(async () => {
  data = await mkdtemp(path.join(os.tmpdir(), 'heng-walkthrough-'));
});
afterEach(async () => {
  for (const command of running.splice(0)) await command.dispose();
  await rm(data, { recursive: true, force: true });
});

/** A README step on this machine: the simulator's real port, a temporary data folder. */
function here(args: string[], port: number): string[] {
  return args.map((arg, i) =>
    arg === DATA ? data : args[i - 1] === '--port' ? String(port) : arg,
  );
}

function start(args: string[]): RunningCommand {
  const command = runHengEdge(args, ROOT);
  running.push(command);
  return command;
}

test('the README quick start lists exactly the commands this walkthrough runs', async () => {
  const readme = await readFile(README, 'utf8');
  const quickStart = readme.slice(
    readme.indexOf('## Quick start for technicians'),
    readme.indexOf('\n## ', readme.indexOf('## Quick start for technicians') + 1),
  );
  const commands = quickStart
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npx heng-edge '));
  expect(commands).toEqual(Object.values(STEPS).map((args) => `npx heng-edge ${args.join(' ')}`));
});

test('a technician simulates a pumping station, reads it, deploys the pumping flow on an edge and sees its readings stored', async () => {
  // 1. The simulator, on a port of its choosing.
  const sim = start(here(STEPS.sim, 0));
  const port = Number((await sim.printed(/listening on 127\.0\.0\.1:(\d+)/))[1]);

  // 2. One read of every point: exit 0, every readable point good.
  const read = await hengEdge(here(STEPS.read, port), ROOT);
  expect(read.stderr).toBe('');
  expect(read.code).toBe(0);
  const points = JSON.parse(read.stdout) as Record<string, { quality: string }>;
  const profile = await loadProfile(path.join(ROOT, PROFILE));
  const readable = profile.points.filter((p) => p.access !== 'write').map((p) => p.name);
  expect(Object.keys(points).sort()).toEqual([...readable].sort());
  expect(Object.values(points).every((p) => p.quality === 'good')).toBe(true);

  // 3. The edge, its editor on a port of its choosing.
  const edge = start([...here(STEPS.start, port), '--port', '0']);
  const url = (await edge.printed(/editor on (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
  expect((await fetch(url)).status).toBe(200);
  expect((await fetch(new URL('heng/readings', url))).status).toBe(401);

  // 4. How to sign in: the user and the password's file, never the password.
  const admin = await hengEdge(here(STEPS.admin, port), ROOT);
  expect(admin.code).toBe(0);
  const { password } = JSON.parse(
    await readFile(path.join(editorFolder(data), 'admin.json'), 'utf8'),
  ) as { password: string };
  expect(admin.stdout).toContain(`editor:   ${url}`);
  expect(admin.stdout).toContain('user:     admin');
  expect(admin.stdout).toContain(path.join(editorFolder(data), 'admin.json'));
  expect(admin.stdout + admin.stderr + edge.output).not.toContain(password);

  // 5. Import flows/pumping.json, point its device at the simulator, Deploy.
  const flow = JSON.parse(
    await readFile(path.join(ROOT, 'flows', 'pumping.json'), 'utf8'),
  ) as Array<Record<string, unknown>>;
  for (const node of flow) {
    if (node['type'] === 'heng-device') Object.assign(node, { host: '127.0.0.1', port });
  }
  const editor = await runningEditorOf(editorFolder(data));
  expect(editor.url).toBe(url);
  await adminPost(editor, 'flows', flow);

  // 6. The readings of pump-01, stored (the flow reads once a second after deploy).
  await vi.waitFor(
    async () => {
      const run = await hengEdge(here(STEPS.readings, port), ROOT);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const stored = JSON.parse(run.stdout) as {
        site: string;
        devices: Record<string, BatchReading[]>;
      };
      expect(stored.site).toBe('demo-01');
      expect(Object.keys(stored.devices)).toEqual(['pump-01']);
      const level = stored.devices['pump-01']?.find((r) => r.point === 'water-level');
      expect(level).toMatchObject({ quality: 'good', value: expect.any(Number) });
      expect(Date.parse(level!.ts)).not.toBeNaN();
    },
    { timeout: 60_000, interval: 200 },
  );

  // 7. SIGTERM stops the edge cleanly; Ctrl-C the simulator.
  expect(await edge.stop('SIGTERM')).toBe(0);
  expect(edge.output).toContain('heng-edge: stopped');
  await expect(stat(editorAddressFileIn(editorFolder(data)))).rejects.toMatchObject({
    code: 'ENOENT',
  });
  expect(await sim.stop('SIGINT')).toBe(0);
}, 180_000);
