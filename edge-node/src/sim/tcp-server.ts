/**
 * @module A Modbus TCP server on node:net: frames requests, filters by unit, applies injected
 * faults, and writes each reply as soon as it is computed (no timer, Nagle off).
 */
import net from 'node:net';
import { HengError } from '@heng/schemas';
import { checkFaults, decideFault, type FaultOptions, garble } from './faults.ts';
import { MbapReader, mbapFrame } from './mbap.ts';
import { exceptionReply, type PduAnswer } from './pdu.ts';
import { EXCEPTION } from './tables.ts';

/** Answers one request PDU addressed to this device. */
export type PduResponder = (pdu: Buffer) => PduAnswer;

export interface TcpServerOptions {
  /** The unit id this device answers; 0 and 255 (the TCP "any device" ids) are answered too. */
  unit: number;
  host?: string;
  port?: number;
  faults?: FaultOptions;
  /** Random source for the fault rates; Math.random unless a test needs determinism. */
  random?: () => number;
  /** Called with a description when a connection is closed for a protocol violation. */
  onProtocolError?: (message: string) => void;
}

/** The server could not listen; `host` and `port` say where. */
export class ListenError extends HengError {
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, cause: unknown) {
    super(
      'internal',
      `Modbus simulator cannot listen on ${host}:${port}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
    this.host = host;
    this.port = port;
  }
}

/** A listening Modbus TCP server; dispose() closes it, its connections and pending replies. */
export class ModbusTcpServer implements AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #requests = 0;

  private constructor(server: net.Server, host: string, port: number) {
    this.#server = server;
    this.host = host;
    this.port = port;
  }

  /** Starts listening (port 0 picks a free port; read it from `.port`). */
  static async listen(respond: PduResponder, options: TcpServerOptions): Promise<ModbusTcpServer> {
    const faults = checkFaults(options.faults ?? {});
    const host = options.host ?? '127.0.0.1';
    const server = net.createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => reject(new ListenError(host, options.port ?? 0, err)));
      server.listen({ host, port: options.port ?? 0 }, resolve);
    });
    const port = (server.address() as net.AddressInfo).port;
    const self = new ModbusTcpServer(server, host, port);
    server.on('connection', (socket) => self.#serve(socket, respond, options, faults));
    return self;
  }

  /** Requests received since start, over all connections. */
  get requests(): number {
    return this.#requests;
  }

  /** Open connections. */
  get connections(): number {
    return this.#sockets.size;
  }

  #serve(
    socket: net.Socket,
    respond: PduResponder,
    options: TcpServerOptions,
    faults: FaultOptions,
  ) {
    const random = options.random ?? Math.random;
    const reader = new MbapReader();
    let answered = 0;
    // Set once the last reply before a --drop-after hang-up is queued: later requests are ignored.
    let closing = false;
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => this.#sockets.delete(socket));
    // A client that resets the connection is normal for a device; nothing to report.
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer<ArrayBuffer>) => {
      const frames = reader.push(chunk);
      if (typeof frames === 'string') {
        options.onProtocolError?.(
          `closed connection from ${socket.remoteAddress}:${socket.remotePort}: ${frames}`,
        );
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        if (socket.destroyed || closing) return;
        this.#requests++;
        const { transaction, unit, pdu } = frame;
        const decision = decideFault(faults, pdu, random);
        if (decision === 'drop') continue;
        let reply: Buffer;
        if (unit !== options.unit && unit !== 0 && unit !== 255) {
          reply = exceptionReply(pdu[0] ?? 0, EXCEPTION.gatewayTargetFailed);
        } else if (decision !== 'answer') {
          reply = exceptionReply(pdu[0] ?? 0, decision.exception);
        } else {
          reply = respond(pdu).reply;
        }
        let out = mbapFrame(transaction, unit, reply);
        if (faults.garbleRate && random() < faults.garbleRate) out = garble(out);
        answered++;
        const hangUp = faults.dropAfter !== undefined && answered >= faults.dropAfter;
        closing = hangUp;
        this.#send(socket, out, faults.delayMs ?? 0, hangUp);
      }
    });
  }

  #send(socket: net.Socket, frame: Buffer<ArrayBuffer>, delayMs: number, hangUp: boolean): void {
    const write = () => {
      if (socket.destroyed) return;
      // @types/node 24's Buffer does not type-check as TS 5.9's Uint8Array (slice's buffer type).
      const bytes = frame as unknown as Uint8Array;
      if (hangUp) socket.end(bytes);
      else socket.write(bytes);
    };
    if (delayMs <= 0) {
      write();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      write();
    }, delayMs);
    this.#timers.add(timer);
  }

  /** Closes the server, every connection, and drops replies still waiting on a delay. */
  async dispose(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
