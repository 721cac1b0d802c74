/**
 * @module A device's handle on its line: the requests it sends go through the line's
 * scheduler, and its health is the line's record of it.
 */
import { HengError } from '@heng/schemas';
import type { DeviceHealth } from './health.ts';
import type { DeviceSlot, JobRequest } from './line-job.ts';
import type { RawReply, Table } from './types.ts';

/** One device (unit) on a `ModbusLine`; made by `line.attach()`. */
export class LineDevice {
  readonly #slot: DeviceSlot;
  /** The line's endpoint (`tcp host:port`, `rtu /dev/…`), for messages. */
  readonly endpoint: string;
  readonly #submit: (request: JobRequest) => Promise<RawReply | undefined>;

  /** @internal Use `ModbusLine.attach`. */
  constructor(
    slot: DeviceSlot,
    endpoint: string,
    submit: (request: JobRequest) => Promise<RawReply | undefined>,
  ) {
    this.#slot = slot;
    this.endpoint = endpoint;
    this.#submit = submit;
  }

  get device(): string {
    return this.#slot.device;
  }

  get unit(): number {
    return this.#slot.unit;
  }

  get health(): DeviceHealth {
    return this.#slot.health.snapshot();
  }

  /** Reads `count` bits (coil, discrete-input) or registers from `address`. */
  async read(table: Table, address: number, count: number): Promise<RawReply> {
    const reply = await this.#submit({ op: 'read', table, address, count });
    if (!reply) throw new HengError('internal', 'a read finished without a reply');
    return reply;
  }

  /** FC 5 for one coil, FC 15 for several. */
  async writeCoils(address: number, values: boolean[]): Promise<void> {
    await this.#submit({ op: 'write', table: 'coil', address, values });
  }

  /** FC 6 for one register, FC 16 for several. */
  async writeRegisters(address: number, words: number[]): Promise<void> {
    await this.#submit({ op: 'write', table: 'holding-register', address, words });
  }
}
