import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profiles/index.ts';
import { DeviceModel, ModbusTables, rangeOf, seededRandom } from './index.ts';
import { testProfile } from './test-profile.fixture.ts';

const point = (over: object) =>
  ({
    name: 'x',
    kind: 'input-register',
    address: 0,
    type: 'uint16',
    access: 'read',
    dataClass: 'public',
    ...over,
  }) as Parameters<typeof rangeOf>[0];

describe('simulated values', () => {
  it('derives ranges from limits, then the unit, then the name', () => {
    expect(rangeOf(point({ unit: '%' }))).toEqual({ behaviour: 'walk', lo: 0, hi: 100 });
    expect(rangeOf(point({ type: 'int16', scale: 0.1, unit: '°C' }))).toMatchObject({
      lo: -10,
      hi: 40,
    });
    expect(rangeOf(point({ name: 'pm25', unit: 'µg/m³' }))).toMatchObject({ lo: 0, hi: 300 });
    expect(
      rangeOf(point({ min: 5, max: 9, access: 'readwrite', kind: 'holding-register' })),
    ).toEqual({
      behaviour: 'setpoint',
      lo: 5,
      hi: 9,
    });
    expect(rangeOf(point({ type: 'float32', unit: 'kWh' })).behaviour).toBe('counter');
    expect(rangeOf(point({ kind: 'discrete-input', type: 'bool' })).behaviour).toBe('flag');
  });

  it('keeps a walk inside what the register can hold after scale', () => {
    expect(rangeOf(point({ type: 'int16', scale: 0.001, unit: '°C' }))).toMatchObject({
      lo: -10,
      hi: 32.767,
    });
  });

  it('moves readings slowly and keeps them within their ranges over many ticks', () => {
    const model = new DeviceModel(testProfile, new ModbusTables(), seededRandom(5));
    let last = model.value('temperature') as number;
    let moved = false;
    for (let i = 0; i < 2000; i++) {
      model.tick();
      const t = model.value('temperature') as number;
      expect(t).toBeGreaterThanOrEqual(-10);
      expect(t).toBeLessThanOrEqual(40);
      // One step is at most 2 % of the 50 °C span, plus rounding to the register's 0.1.
      expect(Math.abs(t - last)).toBeLessThanOrEqual(1.1);
      moved ||= t !== last;
      last = t;
      const h = model.value('humidity') as number;
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(100);
    }
    expect(moved).toBe(true);
  });

  it('only grows energy and hours counters, and an energy counter stops with its lamps', () => {
    const model = new DeviceModel(testProfile, new ModbusTables(), seededRandom(6));
    let energy = model.value('energy') as number;
    for (let i = 0; i < 200; i++) {
      model.tick();
      const now = model.value('energy') as number;
      expect(now).toBeGreaterThanOrEqual(energy);
      energy = now;
    }
    model.set('lamp_on', false);
    model.set('lamp2_on', false);
    model.tick();
    const off = model.value('energy');
    model.tick();
    expect(model.value('energy')).toBe(off);
  });

  it('toggles read-only flags rarely, and keeps setpoints where they were written', () => {
    const model = new DeviceModel(testProfile, new ModbusTables(), seededRandom(7));
    model.set('mode', 3);
    let toggles = 0;
    let fault = model.value('lamp_fault');
    for (let i = 0; i < 1000; i++) {
      model.tick();
      if (model.value('lamp_fault') !== fault) toggles++;
      fault = model.value('lamp_fault');
    }
    expect(toggles).toBeLessThan(50);
    expect(model.value('mode')).toBe(3);
    expect(model.value('firmware')).toBe('SIM-42');
  });

  it('replays the same values from the same seed', () => {
    const a = new DeviceModel(testProfile, new ModbusTables(), seededRandom(9));
    const b = new DeviceModel(testProfile, new ModbusTables(), seededRandom(9));
    a.tick();
    b.tick();
    expect(a.value('pressure')).toBe(b.value('pressure'));
  });
});

describe('the reference profiles', () => {
  const load = (name: string) =>
    loadProfile(new URL(`../../profiles/${name}.json`, import.meta.url));

  it('street light: the main dimmer scales power, lamps off draw nothing', async () => {
    const model = new DeviceModel(
      await load('streetlight-controller'),
      new ModbusTables(),
      seededRandom(1),
    );
    const full = model.value('power') as number;
    expect(full).toBeGreaterThan(0);
    model.set('dimming', 50);
    expect(model.value('power') as number).toBeLessThan(full * 0.6);
    for (const lamp of [1, 2, 3, 4]) model.set(`lamp-${lamp}-on`, false);
    expect(model.value('power')).toBe(0);
    expect(model.value('current')).toBe(0);
    const pf = model.value('power-factor') as number;
    expect(pf).toBeGreaterThanOrEqual(0.8);
    expect(pf).toBeLessThanOrEqual(1);
  });

  it('pumping station: start runs a pump, a stop coil stops it and resets itself', async () => {
    const tables = new ModbusTables();
    const model = new DeviceModel(await load('pumping-station'), tables, seededRandom(2));
    expect(model.value('pump-1-running')).toBe(true);
    tables.setBits('coil', 1, [true]);
    model.applyWrite({ table: 'coil', address: 1, count: 1 });
    expect(model.value('pump-1-running')).toBe(false);
    expect(model.value('pump-1-stop')).toBe(false);
    expect(model.value('pump-2-running')).toBe(true);
    tables.setBits('coil', 0, [true]);
    model.applyWrite({ table: 'coil', address: 0, count: 1 });
    expect(model.value('pump-1-running')).toBe(true);
    expect(model.value('emergency-mode')).toBe(0);
  });

  it('environment station: every reading starts inside its plausible range', async () => {
    const model = new DeviceModel(
      await load('environment-station'),
      new ModbusTables(),
      seededRandom(3),
    );
    for (let i = 0; i < 100; i++) model.tick();
    const pm25 = model.value('pm25') as number;
    expect(pm25).toBeGreaterThanOrEqual(0);
    expect(pm25).toBeLessThanOrEqual(300);
    const noise = model.value('noise') as number;
    expect(noise).toBeGreaterThanOrEqual(30);
    expect(noise).toBeLessThanOrEqual(90);
    expect(model.value('sample-interval')).toBe(60);
    expect(model.value('temperature-trim')).toBe(0);
  });
});
