import { once } from 'node:events';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../test-peers/fault-proxy.ts';
import { type PymodbusPeer, startPymodbus } from '../../test-peers/pymodbus-peer.ts';
import { ModbusConnectionError, ModbusFrameError } from './errors.ts';
import { transportContract } from './transport-contract.fixture.ts';
import { TcpTransport } from './transport-tcp.ts';

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

let closedPort = 0;

transportContract(
  'TCP',
  async () => {
    const peer = await startPymodbus({ units: [1] });
    closedPort = await freePort();
    return {
      transport: new TcpTransport({ host: '127.0.0.1', port: peer.port }),
      dispose: () => peer.dispose(),
    };
  },
  () => new TcpTransport({ host: '127.0.0.1', port: closedPort }),
);

describe('TCP transport against faults', () => {
  let peer: PymodbusPeer;
  let proxy: FaultProxy;
  let t: TcpTransport;

  beforeEach(async () => {
    peer = await startPymodbus({ units: [1] });
    proxy = await FaultProxy.start(peer.port);
    t = new TcpTransport({ host: '127.0.0.1', port: proxy.port });
    await t.connect();
  });

  afterEach(async () => {
    await t.close();
    await proxy.dispose();
    await peer.dispose();
  });

  it('never has two requests on the wire at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, a) => t.read(1, 'input-register', a, 1, 1000)),
    );
    expect(proxy.maxInFlight).toBe(1);
  });

  it('fails at once with a ModbusConnectionError when the device closes mid-reply', async () => {
    proxy.cutNextReply();
    // The timeout is long on purpose: the failure must come from the close, not the timer.
    const err = await t.read(1, 'holding-register', 0, 10, 60_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModbusConnectionError);
    expect((err as Error).message).toMatch(/while waiting for a reply \(unit 1, read holding/);
    expect(t.connected).toBe(false);
    await t.connect();
    expect(await t.read(1, 'holding-register', 1, 1, 1000)).toEqual({ words: [8] });
  });

  it('reports a reply with the wrong function code as a ModbusFrameError', async () => {
    proxy.mangleNextReply((frame) => {
      frame[7] = 4; // asked FC 3
      return frame;
    });
    const err = await t.read(1, 'holding-register', 0, 2, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModbusFrameError);
    expect((err as Error).message).toMatch(/^malformed reply: .*code 3 got 4/);
  });

  it('reports a reply from the wrong unit as a ModbusFrameError', async () => {
    proxy.mangleNextReply((frame) => {
      frame[6] = 7;
      return frame;
    });
    const err = await t.read(1, 'holding-register', 0, 2, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModbusFrameError);
    expect((err as Error).message).toMatch(/address 1 got 7/);
  });

  it('reports a reply shorter than asked for as a ModbusFrameError', async () => {
    proxy.mangleNextReply((frame) => {
      // One register instead of two: byte count 2, MBAP length fixed up to match.
      const short = Buffer.from(frame.subarray(0, frame.length - 2));
      short.writeUInt16BE(short.length - 6, 4);
      short[8] = 2;
      return short;
    });
    const err = await t.read(1, 'holding-register', 0, 2, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModbusFrameError);
    expect((err as Error).message).toMatch(/Data length error/);
    expect(await t.read(1, 'holding-register', 0, 2, 1000)).toEqual({ words: [1, 8] });
  });
});
