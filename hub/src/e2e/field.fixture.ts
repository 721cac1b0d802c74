/**
 * @module The field side of an end-to-end test: simulated Modbus devices (`heng-edge sim`), the
 * site's devices file, a real `heng-edge start` syncing with a hub, the batches an edge stored
 * (read from its LevelDB once the edge has stopped) and a flow deployed on its Node-RED editor.
 */
import { watch } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SEGMENT_PREFIX, SegmentedTelemetry } from '@heng/edge-node/store';
import { EDGE_MAIN, type Programs, ROOT, type RunningProgram } from './processes.fixture.ts';

/**
 * Writes a copy of a reference profile whose every point is polled each `pollMs`, so a test sees
 * many flushes in a few seconds. Returns its path.
 */
export async function fastProfile(dir: string, name: string, pollMs: number): Promise<string> {
  const reference = JSON.parse(
    await readFile(path.join(ROOT, 'edge-node', 'profiles', `${name}.json`), 'utf8'),
  ) as { defaults?: Record<string, unknown>; points: Array<Record<string, unknown>> };
  const profile = {
    ...reference,
    defaults: { ...reference.defaults, pollMs },
    points: reference.points.map(({ pollMs: _own, ...point }) => point),
  };
  const file = path.join(dir, `${name}-${pollMs}ms.json`);
  await writeFile(file, JSON.stringify(profile, null, 2));
  return file;
}

export interface Simulator {
  program: RunningProgram;
  port: number;
}

/** `heng-edge sim --profile FILE --port 0`, once it listens. */
export async function startSimulator(programs: Programs, profile: string): Promise<Simulator> {
  const program = programs.run(EDGE_MAIN, ['sim', '--profile', profile, '--port', '0']);
  const port = Number((await program.printed(/listening on 127\.0\.0\.1:(\d+)/))[1]);
  return { program, port };
}

/** Writes the site's devices file: one device per simulator, with the profile it serves. */
export async function devicesFile(
  dir: string,
  devices: Array<{ name: string; profile: string; port: number }>,
): Promise<string> {
  const file = path.join(dir, 'devices.json');
  const entries = devices.map(({ name, profile, port }) => ({
    name,
    profile,
    host: '127.0.0.1',
    port,
  }));
  await writeFile(file, JSON.stringify(entries, null, 2));
  return file;
}

export interface EdgeProcess {
  program: RunningProgram;
  /** The Node-RED editor's URL, ending in `/`. */
  editor: string;
}

export interface EdgeStart {
  site: string;
  data: string;
  hub: string;
  /** The site's edge token: given in HENG_EDGE_TOKEN, so it is not on the command line. */
  token: string;
  devices?: string;
}

/** `heng-edge start --site … --data … --port 0 --hub … [--devices …]`, once its editor is up. */
export async function startEdgeProcess(
  programs: Programs,
  options: EdgeStart,
): Promise<EdgeProcess> {
  const args = ['start', '--site', options.site, '--data', options.data, '--port', '0'];
  args.push('--hub', options.hub);
  if (options.devices) args.push('--devices', options.devices);
  const program = programs.run(EDGE_MAIN, args, { env: { HENG_EDGE_TOKEN: options.token } });
  const editor = (await program.printed(/editor on (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
  // The last ready line: signals are handled from here on.
  await program.printed(/heng-edge: stored readings:/);
  return { program, editor };
}

/** A telemetry batch as the edge stored it. */
export interface EdgeBatch {
  _id: string;
  device: string;
  count: number;
  readings: Array<{ point: string; ts: string }>;
}

/**
 * Every batch in every telemetry day segment of a stopped edge's data folder, read with the
 * edge's own store code (which also shows the store opens).
 */
export async function edgeBatches(data: string): Promise<EdgeBatch[]> {
  const segments = new SegmentedTelemetry(path.join(data, 'telemetry'));
  try {
    const batches: EdgeBatch[] = [];
    for (const name of await segments.names()) {
      const db = await segments.segment(name);
      const rows = await db.allDocs({ startkey: 'tb/', endkey: 'tb/\ufff0', include_docs: true });
      for (const row of rows.rows) batches.push(row.doc as unknown as EdgeBatch);
    }
    return batches;
  } finally {
    await segments.close();
  }
}

/** Latest stored readings of a running edge (`heng-edge readings`), per device. */
export async function storedReadings(
  programs: Programs,
  data: string,
  device: string,
): Promise<Array<{ point: string; ts: string; value: unknown }>> {
  const run = programs.run(EDGE_MAIN, ['readings', '--data', data, '--device', device]);
  const code = await run.exited();
  if (code !== 0) throw new Error(`heng-edge readings exited ${code}:\n${run.output}`);
  const { devices } = JSON.parse(run.stdout) as {
    devices: Record<string, Array<{ point: string; ts: string; value: unknown }>>;
  };
  return devices[device] ?? [];
}

/**
 * Deploys `flow` on a running edge's editor through Node-RED's admin API, as the editor's Deploy
 * does, signed in with the admin credentials the edge keeps in its data folder.
 */
export async function deployFlow(edge: EdgeProcess, data: string, flow: unknown[]): Promise<void> {
  const { username, password } = JSON.parse(
    await readFile(path.join(data, 'node-red', 'admin.json'), 'utf8'),
  ) as { username: string; password: string };
  const signIn = await fetch(new URL('auth/token', edge.editor), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: 'node-red-admin',
      grant_type: 'password',
      scope: '*',
      username,
      password,
    }),
  });
  if (signIn.status !== 200) throw new Error(`editor sign-in refused: ${signIn.status}`);
  const { access_token } = (await signIn.json()) as { access_token: string };
  const deploy = await fetch(new URL('flows', edge.editor), {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(flow),
  });
  if (deploy.status >= 300) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
}

/**
 * SIGKILLs a running edge the moment its newest telemetry segment's LevelDB log changes: while a
 * batch (or the replication's checkpoint beside it) is being written. Resolves once it is dead.
 */
export async function killWhileWriting(edge: EdgeProcess, data: string): Promise<void> {
  const telemetry = path.join(data, 'telemetry');
  const newest = (await readdir(telemetry))
    .filter((n) => n.startsWith(SEGMENT_PREFIX))
    .sort()
    .at(-1);
  if (!newest) throw new Error(`no telemetry segment in ${telemetry} yet`);
  const watcher = watch(path.join(telemetry, newest));
  try {
    await new Promise<void>((resolve, reject) => {
      watcher.on('error', reject);
      watcher.on('change', (_event, file) => {
        if (String(file).endsWith('.log')) {
          edge.program.child.kill('SIGKILL');
          resolve();
        }
      });
      // Gone before a write was seen: fail rather than wait for ever.
      void edge.program.exited().then(() => reject(new Error('the edge exited by itself')));
    });
  } finally {
    watcher.close();
  }
  await edge.program.exited();
}
