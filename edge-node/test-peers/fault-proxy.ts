/**
 * @module A Modbus TCP proxy for tests that puts faults between a master and a real device:
 * it cuts a reply halfway and closes the connection, rewrites a reply into a malformed one,
 * and records how many requests were ever in flight at once.
 */
import { once } from 'node:events';
import net from 'node:net';

type Rewrite = (frame: Buffer<ArrayBuffer>) => Buffer<ArrayBuffer>;
type ReplyFault = { kind: 'cut' } | { kind: 'mangle'; rewrite: Rewrite };

// @types/node 24's Buffer does not type-check as TS 5.9's Uint8Array (see sim/mbap.ts).
const bytes = (b: Buffer<ArrayBuffer>) => b as unknown as Uint8Array;

/** Splits a TCP byte stream into MBAP frames (7-byte header whose length counts unit + PDU). */
function frameSplitter(onFrame: (frame: Buffer<ArrayBuffer>) => void): (chunk: Buffer) => void {
  let pending: Buffer<ArrayBuffer> = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk] as unknown as Uint8Array[]);
    while (pending.length >= 6) {
      const size = 6 + pending.readUInt16BE(4);
      if (pending.length < size) return;
      onFrame(pending.subarray(0, size));
      pending = pending.subarray(size);
    }
  };
}

export class FaultProxy implements AsyncDisposable {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #faults: ReplyFault[] = [];
  #inFlight = 0;
  /** Most requests that were ever waiting for a reply at the same time. */
  maxInFlight = 0;
  /** Connections accepted so far. */
  connections = 0;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  /** Listens on `listenPort` (a free one when 0) and forwards to `targetPort`. */
  static async start(targetPort: number, listenPort = 0): Promise<FaultProxy> {
    const server = net.createServer();
    const proxy = new FaultProxy(server);
    server.on('connection', (client) => proxy.#accept(client, targetPort));
    server.listen(listenPort, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** The next reply is sent halfway, then the master's connection is closed. */
  cutNextReply(): void {
    this.#faults.push({ kind: 'cut' });
  }

  /** The next reply is replaced by `rewrite(reply)` (a whole MBAP frame). */
  mangleNextReply(rewrite: Rewrite): void {
    this.#faults.push({ kind: 'mangle', rewrite });
  }

  #accept(client: net.Socket, targetPort: number): void {
    this.connections++;
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    this.#sockets.add(client);
    this.#sockets.add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', closeBoth);
      s.on('close', () => {
        this.#sockets.delete(s);
        closeBoth();
      });
    }
    client.on(
      'data',
      frameSplitter((frame) => {
        this.#inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
        upstream.write(bytes(frame));
      }),
    );
    upstream.on(
      'data',
      frameSplitter((frame) => {
        this.#inFlight = Math.max(0, this.#inFlight - 1);
        const fault = this.#faults.shift();
        if (fault?.kind === 'cut') {
          client.end(bytes(frame.subarray(0, Math.ceil(frame.length / 2))), closeBoth);
        } else if (fault?.kind === 'mangle') {
          client.write(bytes(fault.rewrite(Buffer.from(frame))));
        } else {
          client.write(bytes(frame));
        }
      }),
    );
  }

  async dispose(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    if (this.#server.listening) {
      this.#server.close();
      await once(this.#server, 'close');
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
