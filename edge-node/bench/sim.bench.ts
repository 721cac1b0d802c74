/**
 * @module Simulator benchmark: requests/s of a modbus-serial client against our simulator, against
 * modbus-serial's own ServerTCP serving the same map (the baseline), and against Debian's pymodbus
 * TCP server (a peer the project did not write), at 1, 10 and 125 registers per read.
 */

import { once } from 'node:events';
import net from 'node:net';
import type { DeviceProfile } from '@heng/schemas';
import modbusSerial from 'modbus-serial';

type ModbusClient = InstanceType<typeof modbusSerial.default>;

import { compare, type Result, rate } from '../../bench/measure.ts';
import { startSimulator } from '../src/sim/index.ts';
import { pymodbusPython, startPymodbus } from '../test-peers/pymodbus-peer.ts';

const SIZES = [1, 10, 125];
const UNIT = 1;
const OURS = 4000;
const PYMODBUS = 2000;
const SERVER_TCP = 600;

/** 125 holding registers at 0..124 (the most one read may ask for), the same for every server. */
const profile: DeviceProfile = {
  id: 'bench-registers',
  name: 'Benchmark registers',
  points: Array.from({ length: 125 }, (_, i) => ({
    name: `r${i}`,
    kind: 'holding-register' as const,
    address: i,
    type: 'uint16' as const,
    access: 'read' as const,
    dataClass: 'internal' as const,
  })),
};

async function client(port: number): Promise<ModbusClient> {
  const c = new modbusSerial.default();
  await c.connectTCP('127.0.0.1', { port });
  c.setID(UNIT);
  c.setTimeout(5000);
  return c;
}

async function startServerTcp(): Promise<{ port: number; close(): Promise<void> }> {
  const words = Array.from({ length: 125 }, (_, i) => i);
  // The fastest vector the library offers: one call per request, not one per register.
  const vector = {
    getHoldingRegister: (address: number) => words[address] ?? 0,
    getMultipleHoldingRegisters: (address: number, length: number) =>
      words.slice(address, address + length),
  };
  // ServerTCP cannot listen on port 0 and tell us the port, so borrow a free one first.
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const server = new modbusSerial.ServerTCP(vector, { host: '127.0.0.1', port, unitID: UNIT });
  await Promise.race([
    once(server, 'initialized'),
    once(server, 'serverError').then(([err]) => Promise.reject(err)),
  ]);
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const sim = await startSimulator({ profile, tickMs: 0, unit: UNIT });
  const baseline = await startServerTcp();
  // Debian's pymodbus, when installed (CI installs it): its ceiling is reported beside ours.
  const peer = pymodbusPython() ? await startPymodbus({ units: [UNIT] }) : undefined;
  const ours = await client(sim.port);
  const theirs = await client(baseline.port);
  const python = peer ? await client(peer.port) : undefined;
  try {
    for (const size of SIZES) {
      const oursRound = () => rate(OURS, () => ours.readHoldingRegisters(0, size));
      const result = await compare(
        `simulator vs modbus-serial ServerTCP, ${size} register${size > 1 ? 's' : ''}/read`,
        'requests/s',
        oursRound,
        () => rate(SERVER_TCP, () => theirs.readHoldingRegisters(0, size)),
        { goal: '≥ 10× ServerTCP (the driver, not the device, must be the bottleneck)' },
      );
      if (python) {
        const vsPython = await compare(
          `simulator vs pymodbus ${size}`,
          'requests/s',
          oursRound,
          () => rate(PYMODBUS, () => python.readHoldingRegisters(0, size)),
        );
        result.extra = {
          pymodbus: vsPython.baseline,
          ratio_vs_pymodbus: vsPython.ratio.median,
        };
      }
      report(result);
    }
  } finally {
    for (const c of [ours, theirs, python]) if (c?.isOpen) await new Promise((r) => c.close(r));
    await sim.dispose();
    await baseline.close();
    await peer?.dispose();
  }
}
