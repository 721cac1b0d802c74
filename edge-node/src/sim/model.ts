/**
 * @module The simulated device's behaviour: fills the tables from a profile with plausible values,
 * moves them a little on every tick, and reacts to writes the way the real device would.
 */
import {
  type DevicePoint,
  type DeviceProfile,
  HengError,
  type ProfileDefaults,
} from '@heng/schemas';
import { decodePoint, encodePoint } from '../modbus/codec.ts';
import { pointWidth } from '../modbus/point-width.ts';
import type { PointValue } from '../modbus/types.ts';
import type { WrittenSpan } from './pdu.ts';
import { type PointRange, rangeOf } from './ranges.ts';
import { type Drive, type Relations, relationsOf } from './relations.ts';
import type { ModbusTables } from './tables.ts';

const ALARM_NAME = /fault|alarm|error|trip|fail|lost|leak/i;

interface SimPoint {
  point: DevicePoint;
  range: PointRange;
  /** The unrounded simulated value, so a slow walk on an integer register still moves. */
  value: PointValue;
}

/** The state of one simulated device over its tables. */
export class DeviceModel {
  readonly #tables: ModbusTables;
  readonly #defaults: ProfileDefaults;
  readonly #random: () => number;
  readonly #points = new Map<string, SimPoint>();
  readonly #relations: Relations;

  constructor(profile: DeviceProfile, tables: ModbusTables, random: () => number) {
    this.#tables = tables;
    this.#defaults = profile.defaults ?? {};
    this.#random = random;
    this.#relations = relationsOf(profile.points, (p) => rangeOf(p).behaviour === 'counter');
    for (const point of profile.points) {
      tables.map(point.kind, point.address, pointWidth(point), point.access !== 'read');
      const range = rangeOf(point);
      this.#points.set(point.name, { point, range, value: this.#initial(profile, point, range) });
    }
    this.#settle();
    for (const sim of this.#points.values()) this.#store(sim);
  }

  /** The value a client reading the point now would decode. */
  value(name: string): PointValue | undefined {
    const sim = this.#points.get(name);
    if (!sim) return undefined;
    const { point } = sim;
    const width = pointWidth(point);
    const raw =
      point.kind === 'coil' || point.kind === 'discrete-input'
        ? this.#tables.bits(point.kind, point.address, width)
        : this.#tables.words(point.kind, point.address, width);
    return decodePoint(point, raw, this.#defaults);
  }

  /** Sets a point as the device itself would (no access check), e.g. to stage a test or a demo. */
  set(name: string, value: PointValue): void {
    const sim = this.#points.get(name);
    if (!sim) throw new HengError('not_found', `the simulated device has no point "${name}"`);
    sim.value = value;
    this.#settle();
    this.#storeAll();
  }

  /** Moves every reading one step: walks, counters, rare flag toggles. */
  tick(): void {
    const r = this.#random;
    for (const sim of this.#points.values()) {
      const { range } = sim;
      if (range.behaviour === 'walk' && typeof sim.value === 'number') {
        if (this.#relations.drives.has(sim.point.name)) continue;
        const span = range.hi - range.lo;
        let v = sim.value + span * 0.02 * (r() * 2 - 1);
        // Reflect at the bounds so values do not pile up at a limit.
        if (v > range.hi) v = 2 * range.hi - v;
        if (v < range.lo) v = 2 * range.lo - v;
        sim.value = v;
      } else if (range.behaviour === 'counter' && typeof sim.value === 'number') {
        const drive = this.#relations.drives.get(sim.point.name);
        // Hours count in real time (at the default 1 s tick); other totals faster than life, so
        // that they visibly move in a demo.
        const hours = sim.point.unit?.trim().toLowerCase() === 'h';
        const step = hours ? 1 / 3600 : Math.max((range.hi - range.lo) * 0.00005, 0.01);
        sim.value += step * (drive ? this.#factor(drive) : 1) * (0.5 + r());
      } else if (range.behaviour === 'flag' && !this.#relations.followers.has(sim.point.name)) {
        // Alarms are rare and short; other states change now and then.
        const p = ALARM_NAME.test(sim.point.name) ? (sim.value ? 0.1 : 0.001) : 0.005;
        if (r() < p) sim.value = !sim.value;
      }
    }
    this.#settle();
    this.#storeAll();
  }

  /** Takes a client's write into the model: decodes the written points, updates what follows. */
  applyWrite(span: WrittenSpan): void {
    for (const sim of this.#points.values()) {
      const { point } = sim;
      if (point.kind !== span.table) continue;
      const end = point.address + pointWidth(point);
      if (end <= span.address || point.address >= span.address + span.count) continue;
      sim.value = this.value(point.name) ?? sim.value;
      if (sim.value === true) this.#momentary(point);
    }
    this.#settle();
    this.#storeAll();
  }

  /** Stop and reset coils act once and fall back to false, as momentary contacts do. */
  #momentary(point: DevicePoint): void {
    const sim = this.#points.get(point.name)!;
    const stopped = this.#relations.stops.get(point.name);
    if (stopped) {
      this.#points.get(stopped.name)!.value = false;
      sim.value = false;
    }
    if (this.#relations.resets.includes(point)) {
      for (const other of this.#points.values()) {
        if (other.range.behaviour === 'flag' && ALARM_NAME.test(other.point.name))
          other.value = false;
      }
      sim.value = false;
    }
  }

  #initial(profile: DeviceProfile, point: DevicePoint, range: PointRange): PointValue {
    const r = this.#random;
    switch (range.behaviour) {
      case 'text':
        return (profile.model ?? profile.id).slice(0, pointWidth(point) * 2);
      case 'flag':
        return false;
      case 'setpoint':
        // A site that is running: switches on, dimmers at full, other setpoints (modes, limits)
        // at 0 when they may be, else at their lowest.
        if (point.type === 'bool') return this.#isSwitch(point);
        if (point.unit?.trim() === '%') return range.hi;
        return range.lo <= 0 && range.hi >= 0 ? 0 : range.lo;
      default:
        return range.lo + (range.hi - range.lo) * (0.3 + 0.4 * r());
    }
  }

  #isSwitch(point: DevicePoint): boolean {
    for (const drive of this.#relations.drives.values())
      if (drive.switches.includes(point)) return true;
    for (const source of this.#relations.followers.values()) if (source === point) return true;
    return false;
  }

  /** 0..1: the mean level of its dimmers times the share of its switches that are on. */
  #factor(drive: Drive): number {
    let level = 1;
    if (drive.levels.length > 0) {
      let sum = 0;
      for (const p of drive.levels) sum += Number(this.#points.get(p.name)?.value ?? 0);
      level = sum / drive.levels.length / 100;
    }
    let on = 1;
    if (drive.switches.length > 0) {
      on = drive.switches.filter((p) => this.#points.get(p.name)?.value === true).length;
      on /= drive.switches.length;
    }
    return Math.min(1, Math.max(0, level * on));
  }

  /** Brings followers and loads in line with the switches and levels they depend on. */
  #settle(): void {
    for (const [name, source] of this.#relations.followers) {
      const sim = this.#points.get(name)!;
      sim.value = this.#points.get(source.name)?.value === true;
    }
    for (const [name, drive] of this.#relations.drives) {
      const sim = this.#points.get(name)!;
      if (sim.range.behaviour !== 'walk') continue;
      const { lo, hi } = sim.range;
      const f = this.#factor(drive);
      // A switched-off load reads exactly its lowest value; a running one a little noise.
      sim.value = f === 0 ? lo : lo + (hi - lo) * 0.9 * f * (1 + 0.02 * (this.#random() * 2 - 1));
    }
  }

  #storeAll(): void {
    for (const sim of this.#points.values()) this.#store(sim);
  }

  #store(sim: SimPoint): void {
    const { point, range } = sim;
    let raw: ReturnType<typeof encodePoint>;
    try {
      raw = encodePoint(point, sim.value, this.#defaults);
    } catch {
      // A counter that outgrew its register rolls over, as a real meter does.
      if (range.behaviour !== 'counter') return;
      sim.value = range.lo;
      raw = encodePoint(point, sim.value, this.#defaults);
    }
    if (point.kind === 'coil' || point.kind === 'discrete-input') {
      this.#tables.setBits(point.kind, point.address, raw as boolean[]);
    } else {
      this.#tables.setWords(point.kind, point.address, raw as number[]);
    }
  }
}
