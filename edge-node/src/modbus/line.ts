/**
 * @module The scheduler of one line (one TCP connection or one serial port): one request in
 * flight, round-robin between the devices on the line, timeouts and retries, reconnection
 * with backoff that keeps the queue, and offline devices probed now and then so that a dead
 * device never holds up the others.
 */
import { EventEmitter } from 'node:events';
import { HengError } from '@heng/schemas';
import {
  ModbusConnectionError,
  type ModbusError,
  ModbusOfflineError,
  ModbusTimeoutError,
  type ModbusWhere,
} from './errors.ts';
import { type DeviceHealth, HealthTracker } from './health.ts';
import { LineDevice } from './line-device.ts';
import { type DeviceSlot, type Job, type JobRequest, jobCount, sendJob } from './line-job.ts';
import { modbusErrorFrom } from './transport-errors.ts';
import type { ModbusTransport, RawReply } from './types.ts';

export interface LineOptions {
  transport: ModbusTransport & { readonly endpoint?: string };
  /** Timeout of one attempt (default 1000 ms). */
  timeoutMs?: number;
  /** Attempts after the first, on a timeout, lost connection or malformed reply (default 2). */
  retries?: number;
  /** Failed requests in a row that make a device offline (default 3). */
  offlineAfter?: number;
  /** While a device is offline, one probe request per this many ms (default 5000). */
  probeIntervalMs?: number;
  /** First and longest wait between reconnection attempts (default 100 and 10000 ms). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** A request not sent within this time fails (line down or backlogged; default 15000 ms). */
  queueTimeoutMs?: number;
  now?: () => number;
}

export interface LineEvents {
  health: [DeviceHealth];
  connect: [];
  disconnect: [ModbusError];
}

/**
 * One line and its devices.
 *
 * @example
 * ```ts
 * import { TcpTransport } from './transport-tcp.ts';
 *
 * await using line = new ModbusLine({ transport: new TcpTransport({ host, port }) });
 * const pump = line.attach({ unit: 1, device: 'pump-1' });
 * const reply = await pump.read('holding-register', 0, 4); // { words: [4 registers] }
 * line.on('health', (h) => console.log(h.device, h.state));
 * ```
 */
export class ModbusLine extends EventEmitter<LineEvents> implements AsyncDisposable {
  readonly endpoint: string;
  readonly #transport: ModbusTransport;
  readonly #o: Required<Omit<LineOptions, 'transport'>>;
  readonly #slots: DeviceSlot[] = [];
  #cursor = 0;
  #running: Promise<void> | undefined;
  #disposed = false;
  #backoffMs = 0;
  #nextConnectAt = 0;
  #wasConnected = false;
  #lastConnectError: ModbusError | undefined;
  #sleeping: { timer: NodeJS.Timeout; wake(): void } | undefined;

  constructor(options: LineOptions) {
    super();
    this.#transport = options.transport;
    this.endpoint = options.transport.endpoint ?? 'modbus line';
    this.#o = {
      timeoutMs: options.timeoutMs ?? 1000,
      retries: options.retries ?? 2,
      offlineAfter: options.offlineAfter ?? 3,
      probeIntervalMs: options.probeIntervalMs ?? 5000,
      reconnectMinMs: options.reconnectMinMs ?? 100,
      reconnectMaxMs: options.reconnectMaxMs ?? 10_000,
      queueTimeoutMs: options.queueTimeoutMs ?? 15_000,
      now: options.now ?? Date.now,
    };
  }

  get connected(): boolean {
    return this.#transport.connected;
  }

  /** Opens the line now, so that a wrong address fails at once with a ModbusConnectionError. */
  async connect(): Promise<void> {
    await this.#transport.connect();
    this.#wasConnected = true;
    this.emit('connect');
  }

  /** Adds a device (a unit id) to the line; its requests share the line fairly with the rest. */
  attach(options: { unit: number; device?: string }): LineDevice {
    const device = options.device ?? `unit-${options.unit}`;
    const existing = this.#slots.find((s) => s.unit === options.unit);
    if (existing && existing.device !== device) {
      throw new HengError(
        'invalid_input',
        `unit ${options.unit} on ${this.endpoint} is already device "${existing.device}", cannot attach "${device}"`,
      );
    }
    const slot: DeviceSlot = existing ?? {
      device,
      unit: options.unit,
      queue: [],
      health: new HealthTracker(device, options.unit, this.#o, this.#o.now),
    };
    if (!existing) this.#slots.push(slot);
    return new LineDevice(slot, this.endpoint, (request) => this.#enqueue(slot, request));
  }

  /** Health of every device on the line. */
  health(): DeviceHealth[] {
    return this.#slots.map((s) => s.health.snapshot());
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#wake();
    for (const slot of this.#slots) {
      for (const job of slot.queue.splice(0)) {
        clearTimeout(job.deadline);
        job.reject(new ModbusConnectionError('line closed', this.#where(job)));
      }
    }
    await this.#transport.close();
    await this.#running;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  #where(job: Job): ModbusWhere {
    const r = job.request;
    return {
      endpoint: this.endpoint,
      device: job.slot.device,
      unit: job.slot.unit,
      op: r.op,
      table: r.table,
      address: r.address,
      count: jobCount(r),
    };
  }

  #enqueue(slot: DeviceSlot, request: JobRequest): Promise<RawReply | undefined> {
    return new Promise((resolve, reject) => {
      const job: Job = {
        slot,
        request,
        attempts: 0,
        maxAttempts: this.#o.retries + 1,
        deadline: undefined,
        resolve,
        reject,
      };
      if (this.#disposed) return reject(new ModbusConnectionError('line closed', this.#where(job)));
      const h = slot.health;
      if (h.state === 'offline' && this.#o.now() < h.nextProbeAt) {
        h.recordSkipped();
        return reject(new ModbusOfflineError(new Date(h.nextProbeAt), this.#where(job)));
      }
      this.#queue(job, 'back');
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#running || this.#disposed) return;
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      // A job may have been queued between the loop's last look and now.
      if (this.#hasWork()) this.#kick();
    });
  }

  #queue(job: Job, end: 'front' | 'back'): void {
    if (end === 'front') job.slot.queue.unshift(job);
    else job.slot.queue.push(job);
    job.deadline = setTimeout(() => this.#expire(job), this.#o.queueTimeoutMs);
  }

  #expire(job: Job): void {
    const queue = job.slot.queue;
    const i = queue.indexOf(job);
    if (i < 0) return;
    queue.splice(i, 1);
    const where = this.#where(job);
    const err = this.#transport.connected
      ? new ModbusTimeoutError(this.#o.queueTimeoutMs, where)
      : new ModbusConnectionError(
          `line not connected for ${this.#o.queueTimeoutMs} ms${this.#lastConnectError ? `: ${this.#lastConnectError.problem}` : ''}`,
          where,
          { cause: this.#lastConnectError },
        );
    this.#failed(job, err);
  }

  #hasWork(): boolean {
    return this.#slots.some((s) => s.queue.length > 0);
  }

  async #run(): Promise<void> {
    while (!this.#disposed && this.#hasWork()) {
      if (!this.#transport.connected) {
        await this.#reconnect();
        continue;
      }
      const job = this.#next();
      if (job) await this.#attempt(job);
    }
  }

  /** The next job, round-robin over devices; offline devices give at most a probe. */
  #next(): Job | undefined {
    const n = this.#slots.length;
    for (let i = 0; i < n; i++) {
      const index = (this.#cursor + i) % n;
      const slot = this.#slots[index]!;
      if (slot.queue.length === 0) continue;
      if (slot.health.state === 'offline' && !slot.health.takeProbe()) {
        for (const job of slot.queue.splice(0)) {
          clearTimeout(job.deadline);
          slot.health.recordSkipped();
          job.reject(new ModbusOfflineError(new Date(slot.health.nextProbeAt), this.#where(job)));
        }
        continue;
      }
      const job = slot.queue.shift()!;
      clearTimeout(job.deadline);
      if (slot.health.state === 'offline') job.maxAttempts = job.attempts + 1;
      this.#cursor = (index + 1) % n;
      return job;
    }
    return undefined;
  }

  async #attempt(job: Job): Promise<void> {
    job.attempts++;
    let reply: RawReply | undefined;
    try {
      reply = await sendJob(this.#transport, job, this.#o.timeoutMs);
    } catch (thrown) {
      const err = modbusErrorFrom(thrown, this.#where(job), this.#o.timeoutMs).withContext({
        device: job.slot.device,
      });
      if (err.failure === 'device_unreachable' && this.#wasConnected) {
        this.#wasConnected = false;
        this.emit('disconnect', err);
      }
      const retry = err.failure !== 'device_exception' && job.attempts < job.maxAttempts;
      if (retry && !this.#disposed) {
        job.slot.health.recordRetry(err);
        // Back to the front of its own queue; the round-robin has moved on, so the other
        // devices get their turn before the retry.
        this.#queue(job, 'front');
        return;
      }
      this.#failed(job, err);
      return;
    }
    if (job.slot.health.recordSuccess()) this.emit('health', job.slot.health.snapshot());
    job.resolve(reply);
  }

  #failed(job: Job, err: ModbusError): void {
    if (job.slot.health.recordFailure(err)) this.emit('health', job.slot.health.snapshot());
    job.reject(err);
  }

  async #reconnect(): Promise<void> {
    const wait = this.#nextConnectAt - this.#o.now();
    if (wait > 0) await this.#sleep(wait);
    if (this.#disposed || !this.#hasWork()) return;
    try {
      await this.#transport.connect();
      this.#backoffMs = 0;
      this.#wasConnected = true;
      this.emit('connect');
    } catch (thrown) {
      const err = modbusErrorFrom(thrown, { endpoint: this.endpoint }, 0);
      if (this.#wasConnected || !this.#lastConnectError) this.emit('disconnect', err);
      this.#wasConnected = false;
      this.#lastConnectError = err;
      this.#backoffMs = Math.min(
        this.#backoffMs ? this.#backoffMs * 2 : this.#o.reconnectMinMs,
        this.#o.reconnectMaxMs,
      );
      this.#nextConnectAt = this.#o.now() + this.#backoffMs;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleeping = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleeping = { timer, wake };
    });
  }

  #wake(): void {
    this.#sleeping?.wake();
  }
}
