/**
 * @module The client of one device on a line, driven by its profile: read every point in as
 * few requests as the plan allows, each failure marking only its own points bad, and write a
 * point through the checks with a read-back that confirms it.
 */
import { type DeviceProfile, type ErrorInfo, HengError, NotFoundError } from '@heng/schemas';
import { decodeReply } from './codec-reply.ts';
import { type WriteResult, writeAndConfirm } from './device-write.ts';
import { ModbusError, ModbusExceptionError } from './errors.ts';
import type { DeviceHealth } from './health.ts';
import type { ModbusLine } from './line.ts';
import type { LineDevice } from './line-device.ts';
import { coalesceReads, type PlanOptions } from './plan.ts';
import type { DevicePoint, PointValue, ReadRequest } from './types.ts';

export type { WriteResult } from './device-write.ts';

/** One point's value as read, or `null` with the error when it could not be read. */
export interface Reading {
  point: string;
  value: PointValue | null;
  unit?: string;
  quality: 'good' | 'bad';
  ts: string;
  error?: ErrorInfo;
}

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

function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof ModbusError) return err.toErrorInfo();
  if (err instanceof HengError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * @example
 * ```ts
 * const lamp = new DeviceClient({ profile, line, device: 'lamp-7' });
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
  #plan: ReadRequest[];

  constructor(options: DeviceClientOptions) {
    this.profile = options.profile;
    this.device = options.device ?? options.profile.id;
    this.unit = options.unit ?? options.profile.defaults?.unit ?? 1;
    this.#line = options.line.attach({ unit: this.unit, device: this.device });
    // Write-only points are commanded, never polled.
    const readable = options.profile.points.filter((p) => p.access !== 'write');
    this.#planOptions = { ...options.plan, unit: this.unit };
    this.#plan = coalesceReads(readable, this.#planOptions);
  }

  get health(): DeviceHealth {
    return this.#line.health;
  }

  /** The requests `readAll` sends, for diagnostics. */
  get plan(): readonly ReadRequest[] {
    return this.#plan;
  }

  /** Reads every readable point once; a failed request marks its own points bad, no others. */
  async readAll(): Promise<Reading[]> {
    const byPoint = new Map<string, Reading>();
    await Promise.all(
      this.#plan.map(async (request) => {
        for (const r of await this.#readRequest(request)) byPoint.set(r.point, r);
      }),
    );
    return this.profile.points.flatMap((p) => byPoint.get(p.name) ?? []);
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
  #splitRefused(request: ReadRequest, err: unknown): ReadRequest[] | undefined {
    if (!(err instanceof ModbusExceptionError) || err.exceptionCode !== 2) return undefined;
    const points = request.points.map((p) => p.point);
    const split = coalesceReads(points, {
      ...this.#planOptions,
      maxGap: { registers: 0, bits: 0 },
    });
    if (split.length < 2) return undefined;
    const at = this.#plan.indexOf(request);
    if (at >= 0) this.#plan = [...this.#plan.slice(0, at), ...split, ...this.#plan.slice(at + 1)];
    return split;
  }

  async #readRequest(request: ReadRequest): Promise<Reading[]> {
    // One time for every point of one reply: they were read together.
    let ts = '';
    const base = (point: DevicePoint): Pick<Reading, 'point' | 'unit' | 'ts'> => {
      ts ||= new Date().toISOString();
      const r: Pick<Reading, 'point' | 'unit' | 'ts'> = { point: point.name, ts };
      if (point.unit !== undefined) r.unit = point.unit;
      return r;
    };
    try {
      const reply = await this.#line.read(request.table, request.address, request.count);
      return decodeReply(request, reply, this.profile.defaults).map((d) =>
        'value' in d
          ? { ...base(d.point), value: d.value, quality: 'good' }
          : { ...base(d.point), value: null, quality: 'bad', error: errorInfo(d.error) },
      );
    } catch (thrown) {
      const split = this.#splitRefused(request, thrown);
      if (split) return (await Promise.all(split.map((r) => this.#readRequest(r)))).flat();
      const err =
        thrown instanceof ModbusError
          ? thrown.withContext({ device: this.device, endpoint: this.#line.endpoint })
          : thrown;
      return request.points.map(({ point }) => ({
        ...base(point),
        value: null,
        quality: 'bad',
        error: errorInfo(err),
      }));
    }
  }
}
