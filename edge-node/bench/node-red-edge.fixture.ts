/**
 * @module The edge side of the Node-RED benchmark, in its own process (Node-RED runs one runtime
 * per process): `startEdge` with a flow per size of `heng read → heng telemetry out`, the read's
 * output also looped back to the read (one read in flight, back to back) until a switch sees the
 * round's time is up. The loop does not wait for telemetry out's acknowledgement, as the poller
 * does not: the store acknowledges at its flush (up to `flushMs`, 1 s), which would make a closed
 * loop one read per second; acknowledged readings are counted after a last flush.
 * Argument: JSON `{ port, roundMs }` (the simulator's port). Prints `ready`, then for each stdin
 * line `<size>` deploys that size's flow (when it changes), runs one round and prints
 * `{ size, readingsPerSecond }`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startEdge } from '../src/edge/index.ts';
import { adminPost } from '../src/node-red/index.ts';
import { registersProfile } from './registers.fixture.ts';

const { port, roundMs } = JSON.parse(process.argv[2] ?? '{}') as {
  port: number;
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
      name: 'bench',
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
    {
      id: id('read'),
      type: 'heng read',
      z: 'tab',
      device: id('device'),
      wires: [[id('out'), id('again')]],
    },
    { id: id('out'), type: 'heng telemetry out', z: 'tab', site: 'site', device: '', wires: [] },
    {
      id: id('again'),
      type: 'switch',
      z: 'tab',
      property: '$millis() < until',
      propertyType: 'jsonata',
      rules: [{ t: 'true' }, { t: 'else' }],
      checkall: 'false',
      outputs: 2,
      wires: [[id('read')], [id('report')]],
    },
    // A failed read ends the round too (the parent sees a low figure), instead of hanging it.
    {
      id: id('failed'),
      type: 'catch',
      z: 'tab',
      scope: [id('read')],
      uncaught: false,
      wires: [[id('report')]],
    },
    {
      id: id('report'),
      type: 'change',
      z: 'tab',
      // event out takes an object payload, not the readings.
      rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{}', tot: 'json' }],
      wires: [[id('done')]],
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

/** Deploys the loop of one size (one device node: the palette refuses two of one name). */
let deployed: number | undefined;
async function deploy(size: number): Promise<void> {
  if (deployed === size) return;
  const file = path.join(dir, `registers-${size}.json`);
  await writeFile(file, JSON.stringify(registersProfile(size)));
  await adminPost(edge.editor, 'flows', [
    { id: 'tab', type: 'tab', label: 'bench' },
    { id: 'site', type: 'heng-site', site: 'bench' },
    ...loop(size, file),
  ]);
  deployed = size;
}

async function round(size: number): Promise<number> {
  const done = new Promise<void>((resolve) => {
    const sub = edge.services.bus.subscribe(`bench/done/${size}`, () => {
      sub.dispose();
      resolve();
    });
  });
  await deploy(size);
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
