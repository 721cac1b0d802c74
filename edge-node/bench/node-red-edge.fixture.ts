/**
 * @module The edge side of the Node-RED benchmark, in its own process (Node-RED runs one runtime
 * per process): `startEdge` with a flow per size of `heng read → heng telemetry out`, closed into
 * a loop by a `complete` node on telemetry out (one read in flight: the next starts only once the
 * last is stored), until a switch sees the round's time is up. Argument: JSON `{ port, sizes,
 * roundMs }` (the simulator's port). Prints `ready`, then for each stdin line `<size>` runs one
 * round and prints `{ size, readingsPerSecond }`, counting readings acknowledged by the store.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startEdge } from '../src/edge/index.ts';
import { adminPost } from '../src/node-red/index.ts';
import { registersProfile } from './registers.fixture.ts';

const { port, sizes, roundMs } = JSON.parse(process.argv[2] ?? '{}') as {
  port: number;
  sizes: number[];
  roundMs: number;
};
const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-node-red-bench-'));
const edge = await startEdge({ site: 'bench', dataDir: path.join(dir, 'edge'), port: 0 });

// Acknowledged readings, counted as the store settles each message's readings.
let acked = 0;
const telemetry = edge.services.telemetry;
const appendMany = telemetry.appendMany.bind(telemetry);
telemetry.appendMany = (device, readings) => {
  const ack = appendMany(device, readings);
  ack.then(
    () => {
      acked += readings.length;
    },
    () => {},
  );
  return ack;
};

function loop(size: number, profile: string): object[] {
  const id = (name: string) => `${name}-${size}`;
  return [
    {
      id: id('device'),
      type: 'heng-device',
      name: `bench-${size}`,
      host: '127.0.0.1',
      port,
      unit: '',
      profile,
    },
    {
      id: id('start'),
      type: 'inject',
      z: 'tab',
      props: [{ p: 'until', v: `$millis() + ${roundMs}`, vt: 'jsonata' }],
      repeat: '',
      once: false,
      wires: [[id('read')]],
    },
    { id: id('read'), type: 'heng read', z: 'tab', device: id('device'), wires: [[id('out')]] },
    { id: id('out'), type: 'heng telemetry out', z: 'tab', site: 'site', device: '', wires: [] },
    {
      id: id('stored'),
      type: 'complete',
      z: 'tab',
      scope: [id('out')],
      uncaught: false,
      wires: [[id('again')]],
    },
    {
      id: id('again'),
      type: 'switch',
      z: 'tab',
      property: '$millis() < until',
      propertyType: 'jsonata',
      rules: [{ t: 'true' }, { t: 'else' }],
      checkall: 'false',
      outputs: 2,
      wires: [[id('read')], [id('done')]],
    },
    {
      id: id('done'),
      type: 'heng event out',
      z: 'tab',
      site: 'site',
      topic: `bench/done/${size}`,
      wires: [],
    },
  ];
}

const flows: object[] = [
  { id: 'tab', type: 'tab', label: 'bench' },
  { id: 'site', type: 'heng-site', site: 'bench' },
];
for (const size of sizes) {
  const file = path.join(dir, `registers-${size}.json`);
  await writeFile(file, JSON.stringify(registersProfile(size)));
  flows.push(...loop(size, file));
}
await adminPost(edge.editor, 'flows', flows);

async function round(size: number): Promise<number> {
  const done = new Promise<void>((resolve) => {
    const sub = edge.services.bus.subscribe(`bench/done/${size}`, () => {
      sub.dispose();
      resolve();
    });
  });
  const before = acked;
  const start = performance.now();
  await adminPost(edge.editor, `inject/start-${size}`);
  await done;
  await telemetry.flush();
  return (acked - before) / ((performance.now() - start) / 1000);
}

console.log('ready');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const size = Number(line);
  console.log(JSON.stringify({ size, readingsPerSecond: await round(size) }));
}
await edge.stop();
await rm(dir, { recursive: true, force: true });
