/**
 * @module The poller: reads every device of the site, each set of points at its own interval
 * (`pollMs` of the point, else of the profile), stores the good readings (one acknowledgement per
 * read), tells subscribers of each round and logs each device's state changes. Each point set
 * has its own loop, so a device that times out delays only its own next reads, and the reads of
 * one set never overlap.
 */
import { type BatchReading, HengError } from '@heng/schemas';
import type { DeviceClient, Reading } from '../modbus/device.ts';
import { type DeviceLog, DeviceStateLog, silentDeviceLog } from './device-log.ts';
import { DEFAULT_POLL_MS, type PollGroup, pollGroups, profilePollMs } from './poll-groups.ts';

export { DEFAULT_POLL_MS };

/** One round of a device: the points read at one interval, good or bad. */
export interface DeviceReadings {
  device: string;
  readings: Reading[];
  /** The interval these points are read at. */
  pollMs?: number;
}

export interface PollerOptions {
  devices: readonly DeviceClient[];
  /** Where good readings go (the site's TelemetryStore); bad ones are not stored. */
  store?: { appendMany(device: string, readings: readonly BatchReading[]): Promise<void> };
  /** Told of every round, bad readings included (edge plugins subscribe here). */
  onReadings?: (round: DeviceReadings) => void;
  /** Told when the store refuses readings or a subscriber throws; default: ignored. */
  onError?: (error: unknown, device: string) => void;
  /** Told when a device stops answering, goes offline or answers again; default: nothing. */
  log?: DeviceLog;
}

/** The profile's interval: what points without their own `pollMs` are read at. */
export function pollInterval(client: DeviceClient): number {
  return profilePollMs(client.profile);
}

/** One point set of one device, on its own schedule. */
interface Loop {
  key: string;
  client: DeviceClient;
  group: PollGroup;
  /** Every readable point: read with `readAll`, which keeps the device's whole plan. */
  all: boolean;
  timer?: NodeJS.Timeout;
}

/** The good readings of a round, as the store keeps them. */
function storable(readings: readonly Reading[]): BatchReading[] {
  const out: BatchReading[] = [];
  for (const r of readings)
    if (r.quality === 'good' && r.value !== null)
      out.push({ point: r.point, value: r.value, quality: 'good', ts: r.ts });
  return out;
}

/**
 * @example
 * ```ts
 * import { ModbusLine } from '../modbus/line.ts';
 * import { TcpTransport } from '../modbus/transport-tcp.ts';
 *
 * await using line = new ModbusLine({ transport: new TcpTransport({ host, port }) });
 * const lamp = new DeviceClient({ profile: streetlight, line, device: 'lamp-1' });
 * await using poller = new Poller({
 *   devices: [lamp],
 *   store: telemetry,
 *   log,
 *   onReadings: ({ device, readings }) => console.log(device, readings.length),
 * });
 * poller.start();
 * ```
 */
export class Poller implements AsyncDisposable {
  readonly #options: PollerOptions;
  readonly #loops: Loop[];
  readonly #rounds = new Set<Promise<void>>();
  readonly #states: DeviceStateLog;
  #running = false;

  constructor(options: PollerOptions) {
    this.#options = options;
    this.#states = new DeviceStateLog(options.log ?? silentDeviceLog);
    this.#loops = options.devices.flatMap((client) => {
      const groups = pollGroups(client.profile);
      return groups.map((group) => ({
        key: `${client.device}@${group.intervalMs}`,
        client,
        group,
        all: groups.length === 1,
      }));
    });
  }

  /** Reads every point set now, then again at its interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const loop of this.#loops) this.#schedule(loop, 0);
  }

  /** Starts no more reads; those in flight go on (closing their line ends them). */
  stop(): void {
    this.#running = false;
    for (const loop of this.#loops) {
      clearTimeout(loop.timer);
      loop.timer = undefined;
    }
  }

  /** Stops and waits for the reads in flight. */
  async dispose(): Promise<void> {
    this.stop();
    await Promise.all(this.#rounds);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  #schedule(loop: Loop, delay: number): void {
    if (!this.#running) return;
    loop.timer = setTimeout(() => {
      loop.timer = undefined;
      const round = this.#poll(loop);
      this.#rounds.add(round);
      void round.finally(() => this.#rounds.delete(round));
    }, delay);
  }

  async #poll(loop: Loop): Promise<void> {
    const started = Date.now();
    const { client, group } = loop;
    const { store, onReadings, onError = () => {} } = this.#options;
    let readings: Reading[] = [];
    try {
      // A device fault never throws: failed points come back bad.
      readings = await (loop.all ? client.readAll() : client.readPoints(group.points));
      this.#states.observe(client, loop.key, readings);
    } catch (err) {
      this.#states.observe(
        client,
        loop.key,
        err instanceof Error ? err : new HengError('internal', String(err)),
      );
      onError(err, client.device);
    }
    const good = storable(readings);
    // Not awaited: the store acknowledges at its flush, which must not hold back the next read.
    if (good.length > 0)
      store?.appendMany(client.device, good).catch((err: unknown) => onError(err, client.device));
    try {
      onReadings?.({ device: client.device, readings, pollMs: group.intervalMs });
    } catch (err) {
      onError(err, client.device);
    }
    // The interval runs from the start of a round; a round longer than it starts the next at once.
    this.#schedule(loop, Math.max(0, group.intervalMs - (Date.now() - started)));
  }
}
