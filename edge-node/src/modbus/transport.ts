/**
 * @module The part of a Modbus transport that TCP and RTU share, on a modbus-serial client:
 * one exchange at a time, a timeout per exchange, the error mapping, and failing the exchange
 * in flight at once when the connection drops instead of waiting for its timeout.
 */
import type modbusSerial from 'modbus-serial';
import { ModbusConnectionError, type ModbusError, type ModbusWhere } from './errors.ts';
import { modbusErrorFrom } from './transport-errors.ts';
import type { ModbusTransport, RawReply, Table } from './types.ts';

type Client = InstanceType<typeof modbusSerial.default>;

/** An open connection: the modbus-serial client and how to close it. */
export interface OpenLink {
  client: Client;
  close(): Promise<void>;
}

interface InFlight {
  where: ModbusWhere;
  fail(err: ModbusError): void;
}

/** A transport that names its endpoint (`tcp host:port`, `rtu /dev/ttyS0`) for messages. */
export interface NamedTransport extends ModbusTransport {
  readonly endpoint: string;
}

/**
 * Base of the modbus-serial transports. Subclasses open the link and call `linkLost` when it
 * drops; everything else (serialising, timeouts, mapping errors) lives here.
 */
export abstract class ClientTransport implements NamedTransport {
  abstract readonly endpoint: string;
  #link: OpenLink | undefined;
  #tail: Promise<unknown> = Promise.resolve();
  #inFlight: InFlight | undefined;
  #connecting: Promise<void> | undefined;

  /** Opens the link; rejects with a ModbusConnectionError naming the endpoint. */
  protected abstract open(): Promise<OpenLink>;

  /** Runs before each exchange (RTU drops stale bytes here). */
  protected async prepare(_client: Client, _afterTimeout: boolean): Promise<void> {}

  #afterTimeout = false;

  get connected(): boolean {
    return this.#link?.client.isOpen === true;
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    this.#connecting ??= this.open().then(
      (link) => {
        this.#link = link;
        this.#afterTimeout = false;
      },
      (err: unknown) => {
        throw modbusErrorFrom(err, { endpoint: this.endpoint }, 0);
      },
    );
    try {
      await this.#connecting;
    } finally {
      this.#connecting = undefined;
    }
  }

  /** For subclasses: the link that `link` belongs to dropped; fails the exchange in flight. */
  protected linkLost(client: Client, reason: string, cause?: unknown): void {
    if (this.#link?.client !== client) return;
    this.#link = undefined;
    // Cancels modbus-serial's pending timers so nothing fires after the link is gone.
    client.destroy(() => {});
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    inFlight?.fail(
      new ModbusConnectionError(`${reason} while waiting for a reply`, inFlight.where, { cause }),
    );
  }

  read(
    unit: number,
    table: Table,
    address: number,
    count: number,
    timeoutMs: number,
  ): Promise<RawReply> {
    const where: ModbusWhere = { endpoint: this.endpoint, unit, op: 'read', table, address, count };
    return this.#exchange(where, timeoutMs, async (client): Promise<RawReply> => {
      switch (table) {
        case 'coil':
          // Bit replies are padded to whole bytes.
          return { bits: (await client.readCoils(address, count)).data.slice(0, count) };
        case 'discrete-input':
          return { bits: (await client.readDiscreteInputs(address, count)).data.slice(0, count) };
        case 'holding-register':
          return { words: (await client.readHoldingRegisters(address, count)).data };
        case 'input-register':
          return { words: (await client.readInputRegisters(address, count)).data };
      }
    });
  }

  /** FC 5 for one coil, FC 15 for several. */
  async writeCoils(
    unit: number,
    address: number,
    values: boolean[],
    timeoutMs: number,
  ): Promise<void> {
    const where: ModbusWhere = {
      endpoint: this.endpoint,
      unit,
      op: 'write',
      table: 'coil',
      address,
      count: values.length,
    };
    await this.#exchange(where, timeoutMs, async (client) => {
      if (values.length === 1) await client.writeCoil(address, values[0] === true);
      else await client.writeCoils(address, values);
    });
  }

  /** FC 6 for one register, FC 16 for several. */
  async writeRegisters(
    unit: number,
    address: number,
    words: number[],
    timeoutMs: number,
  ): Promise<void> {
    const where: ModbusWhere = {
      endpoint: this.endpoint,
      unit,
      op: 'write',
      table: 'holding-register',
      address,
      count: words.length,
    };
    await this.#exchange(where, timeoutMs, async (client) => {
      if (words.length === 1) await client.writeRegister(address, words[0] ?? 0);
      else await client.writeRegisters(address, words);
    });
  }

  async close(): Promise<void> {
    const link = this.#link;
    this.#link = undefined;
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    inFlight?.fail(new ModbusConnectionError('transport closed', inFlight.where));
    if (link) {
      link.client.destroy(() => {});
      await link.close();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Serialises exchanges: the transport never has two requests in flight. */
  #exchange<T>(where: ModbusWhere, timeoutMs: number, call: (c: Client) => Promise<T>): Promise<T> {
    const run = this.#tail.then(() => this.#once(where, timeoutMs, call));
    this.#tail = run.catch(() => {});
    return run;
  }

  async #once<T>(where: ModbusWhere, timeoutMs: number, call: (c: Client) => Promise<T>) {
    const link = this.#link;
    if (!link?.client.isOpen) throw new ModbusConnectionError('not connected', where);
    await this.prepare(link.client, this.#afterTimeout);
    this.#afterTimeout = false;
    if (this.#link !== link) throw new ModbusConnectionError('connection lost', where);
    link.client.setID(where.unit ?? 1);
    link.client.setTimeout(timeoutMs);
    return await new Promise<T>((resolve, reject) => {
      const inFlight: InFlight = { where, fail: reject };
      this.#inFlight = inFlight;
      call(link.client).then(
        (value) => {
          if (this.#inFlight === inFlight) this.#inFlight = undefined;
          resolve(value);
        },
        (err: unknown) => {
          if (this.#inFlight === inFlight) this.#inFlight = undefined;
          const mapped = modbusErrorFrom(err, where, timeoutMs);
          if (mapped.failure === 'device_timeout') this.#afterTimeout = true;
          // modbus-serial noticed a closed port before we did: the link is gone.
          if (mapped.failure === 'device_unreachable' && this.#link === link) {
            this.#link = undefined;
            link.client.destroy(() => {});
          }
          reject(mapped);
        },
      );
    });
  }
}
