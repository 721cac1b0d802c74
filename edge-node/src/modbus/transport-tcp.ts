/**
 * @module Modbus TCP transport on modbus-serial. The socket is ours (handed to `connectTCP`)
 * so that a reset or a close mid-reply fails the exchange at once: modbus-serial's own port
 * forgets to report a close that follows a socket error.
 */
import net from 'node:net';
import modbusSerial from 'modbus-serial';
import { ModbusConnectionError } from './errors.ts';
import { ClientTransport, type OpenLink } from './transport.ts';
import { describeSocketError } from './transport-errors.ts';

export interface TcpTransportOptions {
  host: string;
  /** TCP port; 502 when not given. */
  port?: number;
  /** How long opening the connection may take (default 3000 ms). */
  connectTimeoutMs?: number;
}

/**
 * One Modbus TCP connection.
 *
 * @example
 * ```ts
 * await using t = new TcpTransport({ host: '127.0.0.1', port: 5020 });
 * await t.connect();
 * const reply = await t.read(1, 'holding-register', 0, 10, 1000); // { words: [...] }
 * ```
 */
export class TcpTransport extends ClientTransport {
  readonly endpoint: string;
  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;

  constructor(options: TcpTransportOptions) {
    super();
    this.#host = options.host;
    this.#port = options.port ?? 502;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.endpoint = `tcp ${this.#host}:${this.#port}`;
  }

  protected async open(): Promise<OpenLink> {
    const socket = await this.#dial();
    socket.setNoDelay(true);
    const client = new modbusSerial.default();
    let lastError: unknown;
    socket.on('error', (err) => {
      lastError = err;
    });
    socket.once('close', () => {
      const reason = lastError ? describeSocketError(lastError) : 'connection closed by the device';
      this.linkLost(client, reason, lastError);
    });
    await client.connectTCP(this.#host, { port: this.#port, socket });
    return {
      client,
      close: () =>
        new Promise<void>((resolve) => {
          if (socket.destroyed) return resolve();
          socket.once('close', () => resolve());
          socket.destroy();
        }),
    };
  }

  #dial(): Promise<net.Socket> {
    const where = { endpoint: this.endpoint };
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.#host, port: this.#port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new ModbusConnectionError(`no connection within ${this.#connectTimeoutMs} ms`, where),
        );
      }, this.#connectTimeoutMs);
      socket.once('error', (err) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ModbusConnectionError(describeSocketError(err), where, { cause: err }));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
    });
  }
}
