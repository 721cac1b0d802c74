/**
 * @module The client of one device on a line, driven by its profile: read every point in as
 * few requests as the plan allows, each failure marking only its own points bad, and write a
 * point through the checks with a read-back that confirms it.
 */
import { type DevicePoint, type DeviceProfile, HengError, NotFoundError } from '@heng/schemas';
import { type DecodedPoint, decodeReply } from './codec-reply.ts';
import { type WriteResult, writeAndConfirm } from './device-write.ts';
import { ModbusError, ModbusExceptionError } from './errors.ts';
import type { DeviceHealth } from './health.ts';
import type { ModbusLine } from './line.ts';
import type { LineDevice } from './line-device.ts';
import { coalesceReads, type PlanOptions } from './plan.ts';
import { ReadPlan } from './read-plan.ts';
import { badReading, errorInfo, goodReading, type Reading } from './reading.ts';
import type { ReadRequest } from './types.ts';

export type { WriteResult } from './device-write.ts';
export type { Reading } from './reading.ts';

export interface DeviceClientOptions {
  profile: DeviceProfile;
  line: ModbusLine;
  /** Modbus unit id; default the profile's `defaults.unit`, else 1. */
  unit?: number;
  /** The device's id on the site, in messages and health; default the profile id. */
  device?: string;
  /** Gap bridging and per-request limits for the read plan. */
  plan?: Omit<PlanOptions, 'unit'>;
}

/**
 * @example
 * ```ts
 * import { TcpTransport } from './transport-tcp.ts';
 *
 * await using line = new ModbusLine({ transport: new TcpTransport({ host, port }) });
 * const lamp = new DeviceClient({ profile: streetlight, line, device: 'lamp-7' });
 * const readings = await lamp.readAll(); // [{ point: 'dimming', value: 80, unit: '%', quality: 'good', ts }]
 * await lamp.write('dimming', 40, { reason: 'night plan' }); // { value: 40, readBack: 40, ... }
 * ```
 */
export class DeviceClient {
  readonly profile: DeviceProfile;
  readonly device: string;
  readonly unit: number;
  readonly #line: LineDevice;
  readonly #planOptions: PlanOptions;
  /** Every readable point, in the profile's order. */
  readonly #all: ReadPlan;
  /** Plans of the point sets `readPoints` was asked for, made once each. */
  readonly #subsets = new Map<string, ReadPlan>();

  constructor(options: DeviceClientOptions) {
    this.profile = options.profile;
    this.device = options.device ?? options.profile.id;
    this.unit = options.unit ?? options.profile.defaults?.unit ?? 1;
    this.#line = options.line.attach({ unit: this.unit, device: this.device });
    // Write-only points are commanded, never polled.
    const readable = options.profile.points.filter((p) => p.access !== 'write');
    this.#planOptions = { ...options.plan, unit: this.unit };
    this.#all = new ReadPlan(readable, this.#planOptions);
  }

  get health(): DeviceHealth {
    return this.#line.health;
  }

  /** The line's endpoint (`tcp host:port`, `rtu /dev/…`), for messages. */
  get endpoint(): string {
    return this.#line.endpoint;
  }

  /** The requests `readAll` sends, for diagnostics. */
  get plan(): readonly ReadRequest[] {
    return this.#all.requests;
  }

  /** Reads every readable point once; a failed request marks its own points bad, no others. */
  readAll(): Promise<Reading[]> {
    return this.#read(this.#all);
  }

  /**
   * Reads the named points once (in the profile's order), in as few requests as they allow
   * on their own: a poller reading points at different intervals plans each set once.
   *
   * @throws NotFoundError for a name the profile does not have or cannot read.
   */
  async readPoints(names: readonly string[]): Promise<Reading[]> {
    const key = names.join('\u0000');
    let plan = this.#subsets.get(key);
    if (!plan) {
      const wanted = new Set(names);
      for (const name of wanted)
        if (this.#point(name).access === 'write')
          throw new NotFoundError(
            `point "${name}" of device "${this.device}" is write-only: it cannot be read`,
          );
      const points = this.profile.points.filter((p) => wanted.has(p.name));
      plan = new ReadPlan(points, this.#planOptions);
      this.#subsets.set(key, plan);
    }
    return this.#read(plan);
  }

  async #read(plan: ReadPlan): Promise<Reading[]> {
    const out = new Array<Reading>(plan.size);
    const fill = (readings: Reading[]) => {
      for (const r of readings) out[plan.slotOf(r.point)] = r;
    };
    const { requests } = plan;
    // One request (most small devices): no Promise.all, no second array.
    if (requests.length === 1) fill(await this.#readRequest(plan, requests[0]!));
    else
      await Promise.all(
        requests.map(async (request) => fill(await this.#readRequest(plan, request))),
      );
    return out;
  }

  /**
   * Writes one point: `checkWrite` (access, type, limits) before anything reaches the wire,
   * FC 5/15 for coils and 6/16 for registers, then a read-back that must match within the
   * scale's resolution.
   *
   * @throws WriteRefusedError when a check refuses it, a ModbusError when the device does,
   *   ModbusWriteMismatchError when the read-back differs.
   */
  async write(
    pointName: string,
    value: unknown,
    options: { reason: string },
  ): Promise<WriteResult> {
    const point = this.#point(pointName);
    if (typeof options.reason !== 'string' || options.reason.trim() === '') {
      throw new HengError(
        'invalid_input',
        `write to point "${pointName}" of device "${this.device}" needs a reason`,
      );
    }
    return writeAndConfirm({
      line: this.#line,
      point,
      value,
      reason: options.reason,
      defaults: this.profile.defaults ?? {},
      device: this.device,
    });
  }

  #point(name: string): DevicePoint {
    const point = this.profile.points.find((p) => p.name === name);
    if (!point) {
      throw new NotFoundError(
        `no point "${name}" in profile "${this.profile.id}" of device "${this.device}"`,
      );
    }
    return point;
  }

  /**
   * A device that refuses a read bridging unmapped addresses (exception 2) gets the points
   * of that request read without gaps from then on; the plan remembers it.
   */
  #splitRefused(plan: ReadPlan, request: ReadRequest, err: unknown): ReadRequest[] | undefined {
    if (!(err instanceof ModbusExceptionError) || err.exceptionCode !== 2) return undefined;
    const points = request.points.map((p) => p.point);
    const split = coalesceReads(points, {
      ...this.#planOptions,
      maxGap: { registers: 0, bits: 0 },
    });
    if (split.length < 2) return undefined;
    plan.replace(request, split);
    return split;
  }

  async #readRequest(plan: ReadPlan, request: ReadRequest): Promise<Reading[]> {
    let decoded: DecodedPoint[];
    try {
      const reply = await this.#line.read(request.table, request.address, request.count);
      decoded = decodeReply(request, reply, this.profile.defaults);
    } catch (thrown) {
      const split = this.#splitRefused(plan, request, thrown);
      if (split) return (await Promise.all(split.map((r) => this.#readRequest(plan, r)))).flat();
      const err =
        thrown instanceof ModbusError
          ? thrown.withContext({ device: this.device, endpoint: this.#line.endpoint })
          : thrown;
      const ts = new Date().toISOString();
      return request.points.map(({ point }) => badReading(point, ts, errorInfo(err)));
    }
    // One time for every point of one reply: they were read together.
    const ts = new Date().toISOString();
    const readings = new Array<Reading>(decoded.length);
    for (let i = 0; i < decoded.length; i++) {
      const d = decoded[i]!;
      readings[i] =
        'value' in d
          ? goodReading(d.point, d.value, ts)
          : badReading(d.point, ts, errorInfo(d.error));
    }
    return readings;
  }
}
