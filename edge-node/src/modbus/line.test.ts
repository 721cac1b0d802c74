import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../test-peers/fault-proxy.ts';
import { type PymodbusPeer, startPymodbus } from '../../test-peers/pymodbus-peer.ts';
import {
  ModbusConnectionError,
  ModbusExceptionError,
  ModbusOfflineError,
  ModbusTimeoutError,
} from './errors.ts';
import type { HealthState } from './health.ts';
import { type LineOptions, ModbusLine } from './line.ts';
import { TcpTransport } from './transport-tcp.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function peer(options: Parameters<typeof startPymodbus>[0] = {}): Promise<PymodbusPeer> {
  const p = await startPymodbus(options);
  cleanups.push(() => p.dispose());
  return p;
}

async function proxyTo(port: number, listenPort = 0): Promise<FaultProxy> {
  const p = await FaultProxy.start(port, listenPort);
  cleanups.push(() => p.dispose());
  return p;
}

function line(port: number, options: Omit<LineOptions, 'transport'> = {}): ModbusLine {
  const l = new ModbusLine({
    transport: new TcpTransport({ host: '127.0.0.1', port }),
    ...options,
  });
  cleanups.push(() => l.dispose());
  return l;
}

function healthBecomes(l: ModbusLine, device: string, state: HealthState): Promise<void> {
  return new Promise((resolve) => {
    const listener = (h: { device: string; state: HealthState }) => {
      if (h.device !== device || h.state !== state) return;
      l.off('health', listener);
      resolve();
    };
    l.on('health', listener);
  });
}

describe('ModbusLine', () => {
  it('takes turns between the devices on a line, one request each', async () => {
    const p = await peer({ units: [1, 2] });
    const l = line(p.port);
    const a = l.attach({ unit: 1, device: 'a' });
    const b = l.attach({ unit: 2, device: 'b' });
    const order: string[] = [];
    const reads = [
      ...[0, 1, 2, 3].map((i) => a.read('input-register', i, 1).then(() => order.push('a'))),
      ...[0, 1, 2, 3].map((i) => b.read('input-register', i, 1).then(() => order.push('b'))),
    ];
    await Promise.all(reads);
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
  });

  it('marks a silent unit offline and fails its requests at once, while its neighbour is read', async () => {
    const p = await peer({ units: [1] });
    const l = line(p.port, {
      timeoutMs: 250,
      retries: 1,
      offlineAfter: 2,
      probeIntervalMs: 60_000,
    });
    const alive = l.attach({ unit: 1, device: 'alive' });
    const dead = l.attach({ unit: 9, device: 'dead' });
    const offline = healthBecomes(l, 'dead', 'offline');
    const results = [];
    for (let round = 0; round < 6; round++) {
      results.push(
        await Promise.allSettled([
          alive.read('holding-register', round, 1),
          dead.read('holding-register', 0, 1),
        ]),
      );
    }
    await offline;
    expect(results.map(([r]) => r.status)).toEqual(Array(6).fill('fulfilled'));
    const deadErrors = results.map(([, r]) => (r.status === 'rejected' ? r.reason : undefined));
    expect(deadErrors.slice(0, 2).every((e) => e instanceof ModbusTimeoutError)).toBe(true);
    expect(deadErrors.slice(2).every((e) => e instanceof ModbusOfflineError)).toBe(true);
    expect(String(deadErrors[5])).toContain('device is offline, next probe at');
    // Two requests of two attempts each reached the wire, then none: its cost is bounded.
    expect(dead.health.counters).toMatchObject({ timeouts: 4, retries: 2, failed: 2, skipped: 4 });
    expect(dead.health.lastError?.code).toBe('device_timeout');
    expect(alive.health).toMatchObject({ state: 'online', counters: { ok: 6, failed: 0 } });
  });

  it('takes a frozen device offline, keeps reading another line, and probes it back online', async () => {
    const frozen = await peer({ units: [1] });
    const other = await peer({ units: [1] });
    const opts = { timeoutMs: 250, retries: 0, offlineAfter: 2, probeIntervalMs: 50 };
    const l1 = line(frozen.port, opts);
    const l2 = line(other.port, opts);
    const a = l1.attach({ unit: 1, device: 'frozen' });
    const b = l2.attach({ unit: 1, device: 'other' });
    await a.read('coil', 0, 1);
    frozen.freeze();
    const offline = healthBecomes(l1, 'frozen', 'offline');
    const poll = async (device: typeof a) => {
      for (;;) {
        const r = await device.read('holding-register', 0, 1).catch((e: unknown) => e);
        if (device.health.state === 'offline') return r;
      }
    };
    const [last] = await Promise.all([poll(a), offline]);
    expect(last).toBeInstanceOf(ModbusTimeoutError);
    expect(await b.read('holding-register', 2, 1)).toEqual({ words: [15] });
    expect(b.health.state).toBe('online');
    frozen.thaw();
    // Offline requests fail at once until the next probe is due; then one goes to the wire.
    for (;;) {
      const r = await a.read('holding-register', 1, 1).catch((e: unknown) => e);
      if (!(r instanceof ModbusOfflineError)) {
        if (!(r instanceof ModbusTimeoutError)) {
          expect(r).toEqual({ words: [8] });
          break;
        }
        continue;
      }
      await delay(Math.max(0, Date.parse(r.retryAt) - Date.now()));
    }
    expect(a.health.state).toBe('online');
  });

  it('reconnects after the device closes mid-reply and serves the whole queue', async () => {
    const p = await peer({ units: [1] });
    const proxy = await proxyTo(p.port);
    const l = line(proxy.port);
    const dev = l.attach({ unit: 1 });
    await dev.read('coil', 0, 1);
    const events: string[] = [];
    l.on('disconnect', () => events.push('disconnect'));
    l.on('connect', () => events.push('connect'));
    proxy.cutNextReply();
    const replies = await Promise.all(
      [0, 1, 2, 3, 4].map((a) => dev.read('holding-register', a, 1)),
    );
    expect(replies).toEqual([0, 1, 2, 3, 4].map((a) => ({ words: [a * 7 + 1] })));
    expect(events).toEqual(['disconnect', 'connect']);
    expect(proxy.connections).toBe(2);
    expect(dev.health.counters).toMatchObject({ connectionErrors: 1, retries: 1, failed: 0 });
  });

  it('keeps its queue while the device is gone and sends it when the device is back', async () => {
    const p = await peer({ units: [1] });
    const first = await FaultProxy.start(p.port);
    const port = first.port;
    const l = line(port, { reconnectMinMs: 10, reconnectMaxMs: 40 });
    const dev = l.attach({ unit: 1 });
    await dev.read('coil', 0, 1);
    await first.dispose();
    const waiting = dev.read('input-register', 5, 2);
    // Wait for two refused reconnections before the device comes back.
    await new Promise<void>((resolve) => {
      let refused = 0;
      l.on('disconnect', () => {
        if (++refused === 2) resolve();
      });
    });
    await proxyTo(p.port, port);
    expect(await waiting).toEqual({ words: [1005, 1006] });
  });

  it('fails a request that waits longer than the queue timeout on a line that is down', async () => {
    const p = await peer({ units: [1] });
    const proxy = await FaultProxy.start(p.port);
    const port = proxy.port;
    await proxy.dispose();
    const l = line(port, { queueTimeoutMs: 200, reconnectMinMs: 20 });
    const err = await l
      .attach({ unit: 1, device: 'gone' })
      .read('coil', 0, 1)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModbusConnectionError);
    expect((err as Error).message).toBe(
      `line not connected for 200 ms: connection refused (device "gone", unit 1, read coil 0, via tcp 127.0.0.1:${port})`,
    );
  });

  it('keeps a device that answers with exceptions online: it is there, the request was wrong', async () => {
    const p = await peer({ units: [1] });
    const l = line(p.port, { offlineAfter: 1 });
    const dev = l.attach({ unit: 1, device: 'meter' });
    for (let i = 0; i < 3; i++) {
      await expect(dev.read('input-register', 500, 1)).rejects.toBeInstanceOf(ModbusExceptionError);
    }
    expect(dev.health).toMatchObject({
      state: 'online',
      counters: { exceptions: 3, retries: 0 },
      lastError: { code: 'device_exception' },
    });
  });

  it('counts a gateway whose target does not answer (exception 11) towards offline', async () => {
    const p = await peer({ units: [1] });
    const proxy = await proxyTo(p.port);
    const l = line(proxy.port, { offlineAfter: 2 });
    const dev = l.attach({ unit: 1, device: 'behind-gateway' });
    const gatewayException = (frame: Buffer) => {
      const reply = Buffer.from(frame.subarray(0, 9));
      reply.writeUInt16BE(3, 4);
      reply[7] = (reply[7] ?? 0) | 0x80;
      reply[8] = 11;
      return reply;
    };
    proxy.mangleNextReply(gatewayException);
    proxy.mangleNextReply(gatewayException);
    await expect(dev.read('coil', 0, 1)).rejects.toMatchObject({ exceptionCode: 11 });
    expect(dev.health.state).toBe('degraded');
    await expect(dev.read('coil', 0, 1)).rejects.toThrow(
      'Modbus exception 11 (gateway target device failed to respond) (device "behind-gateway"',
    );
    expect(dev.health.state).toBe('offline');
  });

  it('refuses a second device on a unit that is taken', async () => {
    const l = line(1);
    l.attach({ unit: 3, device: 'pump' });
    expect(() => l.attach({ unit: 3, device: 'valve' })).toThrow(
      'unit 3 on tcp 127.0.0.1:1 is already device "pump", cannot attach "valve"',
    );
  });

  it('rejects what is queued when disposed', async () => {
    const p = await peer({ units: [1] });
    const l = line(p.port);
    const dev = l.attach({ unit: 1 });
    const pending = Promise.allSettled([0, 1, 2].map((a) => dev.read('coil', a, 1)));
    await l.dispose();
    const settled = await pending;
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
    for (const s of settled) {
      if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(ModbusConnectionError);
    }
    await expect(dev.read('coil', 0, 1)).rejects.toThrow('line closed');
  });
});
