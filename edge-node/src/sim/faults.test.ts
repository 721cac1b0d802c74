import { afterEach, describe, expect, it } from 'vitest';
import { closeClient, connectClient, type ModbusClient, RawClient } from './client.fixture.ts';
import {
  type DeviceSimulator,
  decideFault,
  FaultOptionError,
  type FaultOptions,
  parseExceptionFlag,
  startSimulator,
} from './index.ts';
import { testProfile } from './test-profile.fixture.ts';

const open: Array<{ dispose(): Promise<void> }> = [];

afterEach(async () => {
  for (const resource of open.splice(0).reverse()) await resource.dispose();
});

async function faulty(
  faults: FaultOptions,
  timeoutMs = 2000,
): Promise<[DeviceSimulator, ModbusClient]> {
  const sim = await startSimulator({ profile: testProfile, tickMs: 0, seed: 11, faults });
  open.push(sim);
  const client = await connectClient(sim.port, 7, timeoutMs);
  open.push({ dispose: () => closeClient(client) });
  return [sim, client];
}

const modbusCode = (err: unknown) => (err as { modbusCode?: number }).modbusCode;

describe('fault injection', () => {
  it('--delay replies only after the delay, still in order', async () => {
    const [sim] = await faulty({ delayMs: 50 });
    const raw = await RawClient.connect(sim.port);
    open.push({ dispose: () => raw.close() });
    const sent = performance.now();
    raw.send([0, 1, 0, 0, 0, 6, 7, 3, 0, 0, 0, 1, 0, 2, 0, 0, 0, 6, 7, 3, 0, 1, 0, 1]);
    const both = await raw.take(22);
    // Lower bound only: a delay is a minimum, never a promise about how fast the machine is.
    expect(performance.now() - sent).toBeGreaterThanOrEqual(45);
    expect([both[1], both[12]]).toEqual([1, 2]);
  });

  it('--timeout-rate 1 never replies, so the client times out', async () => {
    const [sim, client] = await faulty({ timeoutRate: 1 }, 150);
    await expect(client.readHoldingRegisters(0, 1)).rejects.toMatchObject({ errno: 'ETIMEDOUT' });
    expect(sim.requests).toBe(1);
  });

  it('--timeout-rate P drops a request when the random draw falls below P', () => {
    const read = Buffer.from([3, 0, 0, 0, 1]);
    expect(decideFault({ timeoutRate: 0.5 }, read, () => 0.49)).toBe('drop');
    expect(decideFault({ timeoutRate: 0.5 }, read, () => 0.5)).toBe('answer');
    expect(decideFault({ timeoutRate: 0 }, read, () => 0)).toBe('answer');
  });

  it('--exception CODE answers every request with that exception', async () => {
    const [, client] = await faulty({ exception: parseExceptionFlag('4') });
    await expect(client.readCoils(0, 1)).rejects.toSatisfy((e) => modbusCode(e) === 4);
    await expect(client.writeRegister(0, 1)).rejects.toSatisfy((e) => modbusCode(e) === 4);
  });

  it('--exception CODE@ADDR answers the exception only to requests that cover ADDR', async () => {
    const [, client] = await faulty({ exception: parseExceptionFlag('6@5') });
    await expect(client.readInputRegisters(4, 2)).rejects.toSatisfy((e) => modbusCode(e) === 6);
    expect((await client.readInputRegisters(0, 5)).data).toHaveLength(5);
  });

  it('--drop-after N answers N requests, then closes the connection', async () => {
    const [sim, client] = await faulty({ dropAfter: 2 });
    await client.readCoils(0, 1);
    const closed = new Promise<void>((resolve) => {
      const poll = () => (sim.connections === 0 ? resolve() : setImmediate(poll));
      poll();
    });
    await client.readCoils(0, 1);
    await closed;
    await expect(client.readCoils(0, 1)).rejects.toThrow(/Port Not Open/i);
  });

  it('--garble-rate 1 sends frames the client rejects as malformed', async () => {
    const [, client] = await faulty({ garbleRate: 1 });
    await expect(client.readHoldingRegisters(0, 2)).rejects.toThrow(/Data length error/);
  });

  it('refuses fault options out of range, naming the option', async () => {
    await expect(
      startSimulator({ profile: testProfile, faults: { timeoutRate: 1.5 } }),
    ).rejects.toThrow(/timeoutRate: 1.5 is not a fraction/);
    expect(() => parseExceptionFlag('x@1')).toThrow(FaultOptionError);
    expect(() => parseExceptionFlag('2@70000')).toThrow(/address 70000/);
    expect(parseExceptionFlag('0x0b@12')).toEqual({ code: 11, address: 12 });
  });
});
