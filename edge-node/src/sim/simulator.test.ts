import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeClient, connectClient, type ModbusClient, RawClient } from './client.fixture.ts';
import { type DeviceSimulator, startSimulator } from './index.ts';
import { testProfile } from './test-profile.fixture.ts';

let sim: DeviceSimulator;
let client: ModbusClient;

beforeEach(async () => {
  sim = await startSimulator({ profile: testProfile, tickMs: 0, seed: 3 });
  client = await connectClient(sim.port, 7);
});

afterEach(async () => {
  await closeClient(client);
  await sim.dispose();
});

const modbusCode = (err: unknown) => (err as { modbusCode?: number }).modbusCode;

describe('simulator over TCP with a modbus-serial client', () => {
  it('listens on 127.0.0.1 on a free port and answers the profile unit', async () => {
    expect(sim.host).toBe('127.0.0.1');
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.unit).toBe(7);
  });

  it('reads coils and discrete inputs as the model holds them', async () => {
    expect((await client.readCoils(0, 2)).data.slice(0, 2)).toEqual([true, true]);
    const inputs = (await client.readDiscreteInputs(0, 2)).data.slice(0, 2);
    expect(inputs).toEqual([sim.value('lamp_fault'), sim.value('lamp_running')]);
    expect(inputs[1]).toBe(true);
  });

  it('reads holding registers: the dimmer starts at 100 %, the string holds the model name', async () => {
    expect((await client.readHoldingRegisters(0, 2)).data).toEqual([100, 0]);
    const text = (await client.readHoldingRegisters(10, 4)).buffer.toString('latin1');
    expect(text.replace(/\0+$/, '')).toBe('SIM-42');
  });

  it('reads input registers of every data type within plausible ranges', async () => {
    const reply = await client.readInputRegisters(0, 14);
    expect(reply.data).toHaveLength(14);
    expect(reply.buffer.readFloatBE(0)).toBeCloseTo(sim.value('power') as number, 3);
    const temperature = reply.buffer.readInt16BE(8) / 10;
    expect(temperature).toBe(sim.value('temperature'));
    expect(temperature).toBeGreaterThanOrEqual(-10);
    expect(temperature).toBeLessThanOrEqual(40);
    expect(reply.buffer.readUInt16BE(10)).toBeLessThanOrEqual(100);
    const pressure = reply.buffer.readDoubleBE(16);
    expect(pressure).toBeGreaterThanOrEqual(980);
    expect(pressure).toBeLessThanOrEqual(1040);
  });

  it('reads exactly the 125 registers a request may ask for', async () => {
    const wide = await startSimulator({
      profile: {
        id: 'wide',
        name: 'Wide',
        points: Array.from({ length: 125 }, (_, i) => ({
          name: `r${i}`,
          kind: 'holding-register' as const,
          address: 100 + i,
          type: 'uint16' as const,
          access: 'read' as const,
          dataClass: 'internal' as const,
        })),
      },
      tickMs: 0,
    });
    const wideClient = await connectClient(wide.port, 1);
    try {
      expect((await wideClient.readHoldingRegisters(100, 125)).data).toHaveLength(125);
    } finally {
      await closeClient(wideClient);
      await wide.dispose();
    }
  });

  it('accepts writes of single and multiple coils and registers and reads them back', async () => {
    await client.writeRegister(1, 2);
    await client.writeRegisters(2, [0x4348, 0x0000]); // 200.0 as float32
    await client.writeCoil(1, false);
    await client.writeCoils(0, [false, true]);
    expect(sim.value('mode')).toBe(2);
    expect(sim.value('setpoint')).toBe(200);
    expect((await client.readCoils(0, 2)).data.slice(0, 2)).toEqual([false, true]);
    expect((await client.readHoldingRegisters(1, 3)).data).toEqual([2, 0x4348, 0]);
  });

  it('reflects a dimming write in the power drawn', async () => {
    const full = sim.value('power') as number;
    await client.writeRegister(0, 40);
    const dimmed = sim.value('power') as number;
    expect(dimmed).toBeLessThan(full * 0.5);
    expect(dimmed).toBeGreaterThan(full * 0.3);
  });

  it('reflects lamps switched off: no power, running input follows its switch', async () => {
    await client.writeCoil(0, false);
    expect((await client.readDiscreteInputs(1, 1)).data[0]).toBe(false);
    expect(sim.value('power')).toBeGreaterThan(0);
    await client.writeCoil(1, false);
    expect((await client.readInputRegisters(0, 2)).buffer.readFloatBE(0)).toBe(0);
  });
});

describe('simulator exceptions, like a real device', () => {
  it('answers 02 illegal data address for unmapped addresses in every table', async () => {
    await expect(client.readCoils(2, 1)).rejects.toSatisfy((e) => modbusCode(e) === 2);
    await expect(client.readDiscreteInputs(5, 1)).rejects.toSatisfy((e) => modbusCode(e) === 2);
    await expect(client.readHoldingRegisters(3, 2)).rejects.toSatisfy((e) => modbusCode(e) === 2);
    await expect(client.readInputRegisters(13, 2)).rejects.toSatisfy((e) => modbusCode(e) === 2);
  });

  it('answers 02 to a write of a read-only register or an unmapped coil', async () => {
    await expect(client.writeRegister(10, 1)).rejects.toSatisfy((e) => modbusCode(e) === 2);
    await expect(client.writeCoil(9, true)).rejects.toSatisfy((e) => modbusCode(e) === 2);
    expect(sim.value('firmware')).toBe('SIM-42');
  });

  it('answers 03 illegal data value for counts of 0 or above the protocol limits', async () => {
    await expect(client.readHoldingRegisters(0, 126)).rejects.toSatisfy((e) => modbusCode(e) === 3);
    await expect(client.readCoils(0, 2001)).rejects.toSatisfy((e) => modbusCode(e) === 3);
    const raw = await RawClient.connect(sim.port);
    try {
      raw.send([0, 1, 0, 0, 0, 6, 7, 3, 0, 0, 0, 0]); // FC 3, count 0
      expect(await raw.take(9)).toEqual([0, 1, 0, 0, 0, 3, 7, 0x83, 3]);
      raw.send([0, 2, 0, 0, 0, 8, 7, 15, 0, 0, 0, 2, 2, 1]); // FC 15, byte count 2 for 2 coils
      expect(await raw.take(9)).toEqual([0, 2, 0, 0, 0, 3, 7, 0x8f, 3]);
      raw.send([0, 3, 0, 0, 0, 6, 7, 5, 0, 0, 0x12, 0x34]); // FC 5 with a value not 0/FF00
      expect(await raw.take(9)).toEqual([0, 3, 0, 0, 0, 3, 7, 0x85, 3]);
    } finally {
      await raw.close();
    }
  });

  it('answers 01 illegal function for function codes it does not support', async () => {
    const raw = await RawClient.connect(sim.port);
    try {
      raw.send([0, 9, 0, 0, 0, 2, 7, 0x11]); // FC 17, report server id
      expect(await raw.take(9)).toEqual([0, 9, 0, 0, 0, 3, 7, 0x91, 1]);
      raw.send([0, 10, 0, 0, 0, 5, 7, 0x2b, 0x0e, 1, 0]); // FC 43, device identification
      expect(await raw.take(9)).toEqual([0, 10, 0, 0, 0, 3, 7, 0xab, 1]);
    } finally {
      await raw.close();
    }
  });

  it('answers 0B gateway target failed for another unit id, and 0 or 255 as its own', async () => {
    client.setID(9);
    await expect(client.readCoils(0, 1)).rejects.toSatisfy((e) => modbusCode(e) === 0x0b);
    client.setID(255);
    expect((await client.readCoils(0, 1)).data[0]).toBe(true);
  });

  it('answers requests split across TCP segments and pipelined in one segment', async () => {
    const raw = await RawClient.connect(sim.port);
    try {
      const request = [0, 5, 0, 0, 0, 6, 7, 3, 0, 1, 0, 1];
      raw.send(request.slice(0, 4));
      raw.send(request.slice(4));
      expect(await raw.take(11)).toEqual([0, 5, 0, 0, 0, 5, 7, 3, 2, 0, 0]);
      raw.send([...request, ...request.map((b, i) => (i === 1 ? 6 : b))]);
      const both = await raw.take(22);
      expect([both[1], both[12]]).toEqual([5, 6]);
    } finally {
      await raw.close();
    }
  });

  it('closes a connection whose MBAP header is not Modbus and keeps serving others', async () => {
    const errors: string[] = [];
    const strict = await startSimulator({
      profile: testProfile,
      tickMs: 0,
      onProtocolError: (m) => errors.push(m),
    });
    const raw = await RawClient.connect(strict.port);
    raw.send([0, 1, 0x12, 0x34, 0, 6, 7, 3, 0, 0, 0, 1]);
    await raw.closed;
    expect(errors[0]).toMatch(/protocol id 4660/);
    const other = await connectClient(strict.port, 7);
    expect((await other.readHoldingRegisters(0, 1)).data).toEqual([100]);
    await closeClient(other);
    await strict.dispose();
  });
});
