/**
 * @module The contract every Modbus transport keeps, as one suite run against each
 * implementation (TCP and RTU) with pymodbus as the device. pymodbus-server.py holds the
 * vector: coils on at multiples of 3, odd discrete inputs on, holding = a * 7 + 1,
 * input = 1000 + a; unit 1 served, unit 9 silent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModbusConnectionError, ModbusExceptionError, ModbusTimeoutError } from './errors.ts';
import type { NamedTransport } from './transport.ts';

export interface TransportSetup {
  transport: NamedTransport;
  dispose(): Promise<void>;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

export function transportContract(
  name: string,
  setup: () => Promise<TransportSetup>,
  unreachable: () => NamedTransport,
): void {
  describe(`${name} transport contract`, () => {
    let env: TransportSetup;
    let t: NamedTransport;

    beforeEach(async () => {
      env = await setup();
      t = env.transport;
      await t.connect();
    });

    afterEach(async () => {
      await t.close();
      await env.dispose();
    });

    it('reads all four tables', async () => {
      expect(await t.read(1, 'coil', 0, 10, 1000)).toEqual({
        bits: range(0, 10).map((a) => a % 3 === 0),
      });
      expect(await t.read(1, 'discrete-input', 3, 5, 1000)).toEqual({
        bits: range(3, 5).map((a) => a % 2 === 1),
      });
      expect(await t.read(1, 'holding-register', 0, 5, 1000)).toEqual({
        words: range(0, 5).map((a) => a * 7 + 1),
      });
      expect(await t.read(1, 'input-register', 10, 3, 1000)).toEqual({ words: [1010, 1011, 1012] });
    });

    it('reads the protocol maximum of 125 registers in one request', async () => {
      const reply = await t.read(1, 'holding-register', 0, 125, 1000);
      expect(reply).toEqual({ words: range(0, 125).map((a) => a * 7 + 1) });
    });

    it('writes one and several coils and registers (FC 5, 15, 6, 16)', async () => {
      await t.writeCoils(1, 1, [true], 1000);
      await t.writeCoils(1, 20, [true, true, false, true], 1000);
      await t.writeRegisters(1, 50, [0xbeef], 1000);
      await t.writeRegisters(1, 60, [1, 2, 3], 1000);
      expect(await t.read(1, 'coil', 0, 2, 1000)).toEqual({ bits: [true, true] });
      expect(await t.read(1, 'coil', 20, 4, 1000)).toEqual({ bits: [true, true, false, true] });
      expect(await t.read(1, 'holding-register', 50, 1, 1000)).toEqual({ words: [0xbeef] });
      expect(await t.read(1, 'holding-register', 60, 3, 1000)).toEqual({ words: [1, 2, 3] });
    });

    it('turns an exception reply into a ModbusExceptionError that says where', async () => {
      const err = await t.read(1, 'holding-register', 190, 20, 1000).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModbusExceptionError);
      expect(err).toMatchObject({ exceptionCode: 2, failure: 'device_exception' });
      expect((err as Error).message).toBe(
        `Modbus exception 2 (illegal data address) (unit 1, read holding-register 190..209, via ${t.endpoint})`,
      );
    });

    it('times out on a unit that does not answer, then serves the next request', async () => {
      const err = await t.read(9, 'input-register', 0, 1, 200).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModbusTimeoutError);
      expect((err as Error).message).toContain('no reply within 200 ms (unit 9');
      expect(await t.read(1, 'input-register', 0, 2, 1000)).toEqual({ words: [1000, 1001] });
    });

    it('answers concurrent callers one request at a time, each with its own reply', async () => {
      const replies = await Promise.all(
        range(0, 12).map((a) => t.read(1, 'holding-register', a, 1, 1000)),
      );
      expect(replies).toEqual(range(0, 12).map((a) => ({ words: [a * 7 + 1] })));
    });

    it('refuses requests after close with a ModbusConnectionError', async () => {
      await t.close();
      expect(t.connected).toBe(false);
      await expect(t.read(1, 'coil', 0, 1, 1000)).rejects.toBeInstanceOf(ModbusConnectionError);
    });

    it('fails to connect to a missing device with a ModbusConnectionError naming it', async () => {
      const nowhere = unreachable();
      const err = await nowhere.connect().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModbusConnectionError);
      expect((err as Error).message).toContain(nowhere.endpoint);
      await nowhere.close();
    });
  });
}
