/**
 * @module Modbus RTU transport on a serial port, through modbus-serial's buffered RTU port.
 * RTU frames carry no transaction id, so a reply that arrives after its timeout could be
 * taken for the next request's reply; the port's buffer is emptied before every request,
 * after a quiet wait when the previous one timed out.
 */
import { HengError } from '@heng/schemas';
import modbusSerial from 'modbus-serial';
import { ClientTransport, type OpenLink } from './transport.ts';
import { describeSocketError } from './transport-errors.ts';

type Client = InstanceType<typeof modbusSerial.default>;

export interface RtuTransportOptions {
  /** Serial device, e.g. `/dev/ttyUSB0`. */
  path: string;
  /** Default 9600. */
  baudRate?: number;
  /** Default `none`. */
  parity?: 'none' | 'even' | 'odd';
  /** Default 8. */
  dataBits?: 7 | 8;
  /** Default 1. */
  stopBits?: 1 | 2;
  /** Wait after a timeout before the next request, for a late reply to end (default: one longest frame + 50 ms). */
  quietMs?: number;
}

/** The modbus-serial internals this file reaches into: the buffered port's receive buffer. */
interface BufferedPort {
  _buffer?: Buffer;
}

/**
 * One serial line speaking Modbus RTU.
 *
 * @example
 * ```ts
 * await using t = new RtuTransport({ path: '/dev/ttyUSB0', baudRate: 19200, parity: 'even' });
 * await t.connect();
 * await t.writeRegisters(3, 100, [42], 500);
 * ```
 */
export class RtuTransport extends ClientTransport {
  readonly endpoint: string;
  readonly #options: RtuTransportOptions;
  readonly #quietMs: number;

  constructor(options: RtuTransportOptions) {
    super();
    this.#options = options;
    this.endpoint = `rtu ${options.path}`;
    // 11 bits per character; long enough for the longest RTU frame (256 bytes) to finish
    // arriving, plus the device's turnaround.
    const charMs = (11 * 1000) / (options.baudRate ?? 9600);
    this.#quietMs = options.quietMs ?? Math.ceil(260 * charMs) + 50;
  }

  protected async open(): Promise<OpenLink> {
    const client = new modbusSerial.default();
    const { path, baudRate = 9600, parity = 'none', dataBits = 8, stopBits = 1 } = this.#options;
    try {
      await client.connectRTUBuffered(path, { baudRate, parity, dataBits, stopBits });
    } catch (err) {
      throw new HengError('internal', `cannot open ${path}: ${describeSocketError(err)}`, {
        cause: err,
      });
    }
    let lastError: unknown;
    client.on('error', (err: unknown) => {
      lastError = err;
    });
    client.on('close', () => {
      const reason = lastError ? describeSocketError(lastError) : 'serial port closed';
      this.linkLost(client, reason, lastError);
    });
    return {
      client,
      close: () =>
        new Promise<void>((resolve) => {
          if (!client.isOpen) return resolve();
          client.close(() => resolve());
        }),
    };
  }

  protected override async prepare(client: Client, afterTimeout: boolean): Promise<void> {
    if (afterTimeout) await new Promise((resolve) => setTimeout(resolve, this.#quietMs));
    const port = (client as unknown as { _port?: BufferedPort })._port;
    if (port && Buffer.isBuffer(port._buffer)) port._buffer = Buffer.alloc(0);
  }
}
