/**
 * @module Test clients for the simulator: a modbus-serial client (the library the driver uses)
 * and a raw socket for requests no client library will send.
 */
import net from 'node:net';
import modbusSerial from 'modbus-serial';

/** modbus-serial's client class, as its typings expose it under `nodenext` resolution. */
export type ModbusClient = InstanceType<typeof modbusSerial.default>;

/** A modbus-serial TCP client on `port`, talking to `unit`; close it with `closeClient`. */
export async function connectClient(
  port: number,
  unit: number,
  timeoutMs = 2000,
): Promise<ModbusClient> {
  const client = new modbusSerial.default();
  await client.connectTCP('127.0.0.1', { port });
  client.setID(unit);
  client.setTimeout(timeoutMs);
  return client;
}

/** Closes a modbus-serial client and waits until its socket is gone. */
export function closeClient(client: ModbusClient): Promise<void> {
  return new Promise((resolve) => {
    if (!client.isOpen) return resolve();
    client.close(() => resolve());
  });
}

/** A raw TCP connection that collects every byte received, for hand-made frames. */
export class RawClient {
  readonly socket: net.Socket;
  #received = Buffer.alloc(0);
  #waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk] as unknown as Uint8Array[]);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: number[]): void {
    this.socket.write(new Uint8Array(bytes));
  }

  /** Resolves with the first `count` bytes received (and consumes them). */
  async take(count: number): Promise<number[]> {
    while (this.#received.length < count) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    const out = [...this.#received.subarray(0, count)];
    this.#received = this.#received.subarray(count);
    return out;
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }
}
