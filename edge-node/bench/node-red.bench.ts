/**
 * @module The issue's end-to-end benchmark: readings/s through Modbus → Node-RED → PouchDB (a
 * deployed `heng read → heng telemetry out` loop in `heng-edge`'s embedded Node-RED, one read in
 * flight, counting readings the store acknowledged) against a bare modbus-serial poll loop reading
 * the same registers of the same simulator, at 1, 10 and 125 registers per request.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import modbusSerial from 'modbus-serial';
import { compare, type Result } from '../../bench/measure.ts';
import { spawnSimulators } from './sim-process.fixture.ts';

const EDGE = fileURLToPath(new URL('./node-red-edge.fixture.ts', import.meta.url));
const SIZES = [1, 10, 125];
/** How long the edge may take to stop once the rounds are done. */
const STOP_TIMEOUT_MS = 30_000;
/** Length of one round, for both sides. */
const ROUND_MS = 1000;

/** The edge in its own process: a round per call, readings/s acknowledged in the store. */
async function spawnEdge(port: number) {
  const child = spawn(process.execPath, [EDGE, JSON.stringify({ port, roundMs: ROUND_MS })], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await Promise.race([
      lines.next(),
      exited.then(([code]) => {
        throw new Error(`benchmark edge exited with ${code}`);
      }),
    ]);
    if (line.done) throw new Error('benchmark edge closed its output');
    return line.value;
  };
  // Node-RED may log a line or two before the flow is deployed.
  while ((await next()) !== 'ready');
  return {
    async round(size: number): Promise<number> {
      child.stdin.write(`${size}\n`);
      for (;;) {
        const line = await next();
        if (line.startsWith('{'))
          return (JSON.parse(line) as { readingsPerSecond: number }).readingsPerSecond;
      }
    },
    async dispose(): Promise<void> {
      if (child.exitCode !== null) return;
      child.stdin.end();
      // The edge stops by itself; one that has not after a while is not worth the bench hanging.
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const sims = await spawnSimulators([{}]);
  const port = sims.ports[0]!;
  const bare = new modbusSerial.default();
  let edge: Awaited<ReturnType<typeof spawnEdge>> | undefined;
  try {
    await bare.connectTCP('127.0.0.1', { port });
    bare.setID(1);
    bare.setTimeout(5000);
    edge = await spawnEdge(port);
    const running = edge;
    for (const size of SIZES) {
      const baseline = async () => {
        const start = performance.now();
        let readings = 0;
        while (performance.now() - start < ROUND_MS) {
          readings += (await bare.readHoldingRegisters(0, size)).data.length;
        }
        return readings / ((performance.now() - start) / 1000);
      };
      const result = await compare(
        `Modbus → Node-RED → PouchDB vs bare modbus-serial loop, ${size} register${size > 1 ? 's' : ''}/request`,
        'readings/s',
        () => running.round(size),
        baseline,
        { rounds: 5, warmup: 1, goal: '≥ 0.8 of bare' },
      );
      result.extra = {
        heng_requests_s: result.candidate / size,
        bare_requests_s: result.baseline / size,
      };
      report(result);
    }
  } finally {
    if (bare.isOpen) await new Promise((r) => bare.close(r));
    await edge?.dispose();
    await sims.dispose();
  }
}
