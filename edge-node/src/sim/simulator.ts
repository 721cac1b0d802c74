/**
 * @module A simulated Modbus TCP device built from a device profile: tables, behaviour, faults,
 * and the server, started and disposed as one resource.
 */
import type { DeviceProfile } from '@heng/schemas';
import type { PointValue } from '../modbus/types.ts';
import type { FaultOptions } from './faults.ts';
import { DeviceModel } from './model.ts';
import { answerPdu } from './pdu.ts';
import { seededRandom } from './random.ts';
import { ModbusTables } from './tables.ts';
import { ModbusTcpServer } from './tcp-server.ts';

export interface SimulatorOptions {
  profile: DeviceProfile;
  /** The unit id to answer; the profile's `defaults.unit`, else 1. */
  unit?: number;
  /** 127.0.0.1 unless given: a simulator is for tests and demos, not the network. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  faults?: FaultOptions;
  /** How often values move, in ms (default 1000); 0 freezes them (tests, benchmarks). */
  tickMs?: number;
  /** Seed for values and fault rates, so a run can be replayed; random when not given. */
  seed?: number;
  /** Called when a client breaks the framing and its connection is closed. */
  onProtocolError?: (message: string) => void;
}

/**
 * A running simulated device. Dispose it to close the port, its connections and its timer.
 *
 * @example
 * await using sim = await startSimulator({ profile, port: 0 });
 * console.log(`listening on ${sim.host}:${sim.port}, unit ${sim.unit}`);
 */
export class DeviceSimulator implements AsyncDisposable {
  readonly unit: number;
  readonly tables: ModbusTables;
  readonly model: DeviceModel;
  readonly #server: ModbusTcpServer;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(
    unit: number,
    tables: ModbusTables,
    model: DeviceModel,
    server: ModbusTcpServer,
    tickMs: number,
  ) {
    this.unit = unit;
    this.tables = tables;
    this.model = model;
    this.#server = server;
    if (tickMs > 0) {
      this.#timer = setInterval(() => model.tick(), tickMs);
      // A simulator left running must not keep a test process or CLI alive on its own.
      this.#timer.unref();
    }
  }

  get host(): string {
    return this.#server.host;
  }

  get port(): number {
    return this.#server.port;
  }

  /** Requests received since start. */
  get requests(): number {
    return this.#server.requests;
  }

  /** Open client connections. */
  get connections(): number {
    return this.#server.connections;
  }

  /** The value of a point as a client would read it now. */
  value(name: string): PointValue | undefined {
    return this.model.value(name);
  }

  async dispose(): Promise<void> {
    clearInterval(this.#timer);
    await this.#server.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}

/** Builds the device from `options.profile` and starts serving Modbus TCP. */
export async function startSimulator(options: SimulatorOptions): Promise<DeviceSimulator> {
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  const unit = options.unit ?? options.profile.defaults?.unit ?? 1;
  const tables = new ModbusTables();
  const model = new DeviceModel(options.profile, tables, random);
  const server = await ModbusTcpServer.listen(
    (pdu) => {
      const answer = answerPdu(tables, pdu);
      if (answer.written) model.applyWrite(answer.written);
      return answer;
    },
    {
      unit,
      host: options.host,
      port: options.port,
      faults: options.faults,
      random,
      onProtocolError: options.onProtocolError,
    },
  );
  return new DeviceSimulator(unit, tables, model, server, options.tickMs ?? 1000);
}
