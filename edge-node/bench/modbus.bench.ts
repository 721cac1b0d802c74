/**
 * @module Modbus driver benchmarks, against our simulator running in its own process:
 * readings/s through Heng's path (ModbusLine + DeviceClient.readAll → TelemetryStore.appendMany,
 * acknowledged) against a bare modbus-serial loop reading the same registers, at 1, 10 and 125
 * registers per request; and ten devices where one never answers, against ten that all answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BatchReading } from '@heng/schemas';
import modbusSerial from 'modbus-serial';
import { compare, type Result, rate } from '../../bench/measure.ts';
import { DeviceClient, ModbusLine, type Reading, TcpTransport } from '../src/modbus/index.ts';
import { SegmentedTelemetry, TelemetryStore } from '../src/store/index.ts';
import { pollFleet } from './fleet.fixture.ts';
import { registersProfile } from './registers.fixture.ts';
import { spawnSimulators } from './sim-process.fixture.ts';

type ModbusClient = InstanceType<typeof modbusSerial.default>;

const HOST = '127.0.0.1';
const SIZES = [1, 10, 125];
/** Requests per round, so that a round lasts a few hundred milliseconds. */
const POLLS = 2000;
/** Readings the heng loop lets wait unwritten before it waits for the store. */
const BACKLOG = 50_000;
/** Length of one round of the ten-device run. */
const FLEET_ROUND_MS = 1500;

async function bareClient(port: number): Promise<ModbusClient> {
  const c = new modbusSerial.default();
  await c.connectTCP(HOST, { port });
  c.setID(1);
  c.setTimeout(5000);
  return c;
}

/** The readings of one readAll as the store takes them (they must all be good here). */
function good(readings: Reading[]): BatchReading[] {
  const out = new Array<BatchReading>(readings.length);
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    if (r.quality !== 'good' || r.value === null) throw new Error(`bad reading of ${r.point}`);
    out[i] = { point: r.point, value: r.value, quality: 'good', ts: r.ts };
  }
  return out;
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-modbus-bench-'));
  const segments = new SegmentedTelemetry(path.join(dir, 'telemetry'));
  const telemetry = new TelemetryStore({ site: 'bench', segment: (n) => segments.segment(n) });
  // Index 0: one device for the driver comparison; 1..10: the fleet; 11: the one that never answers.
  const sims = await spawnSimulators([
    ...Array.from({ length: 11 }, () => ({})),
    { timeoutRate: 1 },
  ]);
  const port = sims.ports[0]!;
  const line = new ModbusLine({ transport: new TcpTransport({ host: HOST, port }) });
  let bare: ModbusClient | undefined;
  try {
    bare = await bareClient(port);
    await line.connect();
    for (const size of SIZES) {
      // One device name for every size: a unit is one device on its line.
      const device = new DeviceClient({ profile: registersProfile(size), line, device: 'bench' });
      const driverOnly = () =>
        rate(POLLS, () => device.readAll()).then((requestsPerSecond) => requestsPerSecond * size);
      const heng = async () => {
        const start = performance.now();
        const acks: Array<Promise<void>> = [];
        for (let i = 0; i < POLLS; i++) {
          acks.push(telemetry.appendMany('bench', good(await device.readAll())));
          // Backpressure: when reads outrun the disk (125 registers), wait for the store to
          // catch up rather than have it refuse readings past maxWaitingReadings.
          if (telemetry.waiting >= BACKLOG) await acks.at(-1);
        }
        await Promise.all(acks);
        return (POLLS * size) / ((performance.now() - start) / 1000);
      };
      const client = bare;
      const baseline = () =>
        rate(POLLS, () => client.readHoldingRegisters(0, size)).then((r) => r * size);
      const result = await compare(
        `readAll → store vs bare modbus-serial loop, ${size} register${size > 1 ? 's' : ''}/request`,
        'readings/s',
        heng,
        baseline,
        { goal: '≥ 0.8 of bare' },
      );
      // Where the time goes: the same comparison without the store, fewer rounds.
      const withoutStore = await compare('readAll only', 'readings/s', driverOnly, baseline, {
        rounds: 5,
        warmup: 1,
      });
      result.extra = {
        simulator_ceiling_requests_s: result.baseline / size,
        heng_requests_s: result.candidate / size,
        ratio_readAll_without_store: withoutStore.ratio.median,
      };
      report(result);
    }

    const fleet = await pollFleet({
      host: HOST,
      healthy: sims.ports.slice(1, 10),
      tenth: { answering: sims.ports[10]!, silent: sims.ports[11]! },
      profile: registersProfile(10),
      telemetry,
      roundMs: FLEET_ROUND_MS,
    });
    try {
      const result = await compare(
        'nine devices while a tenth never answers vs all ten answer (10 registers/request)',
        'readings/s',
        () => fleet.round('silent'),
        () => fleet.round('answering'),
        { rounds: 9, goal: '≥ 0.9' },
      );
      result.extra = {
        lines: 10,
        timeout_ms: fleet.timeoutMs,
        silent_device_state: fleet.silentState(),
      };
      report(result);
    } finally {
      await fleet.dispose();
    }
  } finally {
    const client = bare;
    if (client?.isOpen) await new Promise((r) => client.close(r));
    await line.dispose();
    await telemetry.close();
    await segments.close();
    await sims.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
