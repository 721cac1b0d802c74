/**
 * @module The poller: reads every device of the site at its profile's interval, stores the good
 * readings and tells subscribers of each round. Each device has its own loop, so a device that
 * times out delays only its own next read, and a device's reads never overlap.
 */
import type { BatchReading } from '@heng/schemas';
import type { DeviceClient, Reading } from '../modbus/device.ts';

/** Used when a profile sets no `defaults.pollMs`. */
export const DEFAULT_POLL_MS = 1000;

/** One round of a device: every readable point, good or bad. */
export interface DeviceReadings {
  device: string;
  readings: Reading[];
}

export interface PollerOptions {
  devices: readonly DeviceClient[];
  /** Where good readings go (the site's TelemetryStore); bad ones are not stored. */
  store?: { append(device: string, reading: BatchReading): Promise<void> };
  /** Told of every round, bad readings included (edge plugins subscribe here). */
  onReadings?: (round: DeviceReadings) => void;
  /** Told when the store refuses a reading or a subscriber throws; default: ignored. */
  onError?: (error: unknown, device: string) => void;
}

/** How often a device is read. Per-point `pollMs` is not honoured yet: the profile's applies. */
export function pollInterval(client: DeviceClient): number {
  return client.profile.defaults?.pollMs ?? DEFAULT_POLL_MS;
}

/**
 * @example
 * ```ts
 * await using poller = new Poller({ devices, store: telemetry, onReadings: (r) => log(r) });
 * poller.start();
 * ```
 */
export class Poller implements AsyncDisposable {
  readonly #options: PollerOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #rounds = new Set<Promise<void>>();
  #running = false;

  constructor(options: PollerOptions) {
    this.#options = options;
  }

  /** Reads every device now, then again every interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const client of this.#options.devices) this.#schedule(client, 0);
  }

  /** Starts no more reads; those in flight go on (closing their line ends them). */
  stop(): void {
    this.#running = false;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Stops and waits for the reads in flight. */
  async dispose(): Promise<void> {
    this.stop();
    await Promise.all(this.#rounds);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  #schedule(client: DeviceClient, delay: number): void {
    if (!this.#running) return;
    const timer = setTimeout(() => {
      this.#timers.delete(client.device);
      const round = this.#poll(client);
      this.#rounds.add(round);
      void round.finally(() => this.#rounds.delete(round));
    }, delay);
    this.#timers.set(client.device, timer);
  }

  async #poll(client: DeviceClient): Promise<void> {
    const started = Date.now();
    const { store, onReadings, onError = () => {} } = this.#options;
    let readings: Reading[] = [];
    try {
      // readAll never throws for a device fault: failed points come back bad.
      readings = await client.readAll();
    } catch (err) {
      onError(err, client.device);
    }
    for (const r of readings) {
      if (r.quality !== 'good' || r.value === null) continue;
      // Not awaited: the store acknowledges at its flush, which must not hold back the next read.
      store
        ?.append(client.device, { point: r.point, value: r.value, quality: 'good', ts: r.ts })
        .catch((err: unknown) => onError(err, client.device));
    }
    try {
      onReadings?.({ device: client.device, readings });
    } catch (err) {
      onError(err, client.device);
    }
    // The interval runs from the start of a round; a round longer than it starts the next at once.
    this.#schedule(client, Math.max(0, pollInterval(client) - (Date.now() - started)));
  }
}
