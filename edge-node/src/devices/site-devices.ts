/**
 * @module The site's devices at run time: one shared Modbus line per host:port (several units
 * behind one gateway use one connection), a DeviceClient per device, the command writer that
 * routes by device name, and the poller that reads them all. Lines get settings suited to a
 * site (SITE_LINE_DEFAULTS) unless the devices file sets them.
 */
import { type Command, NotFoundError } from '@heng/schemas';
import type { PointWriter } from '../commands/index.ts';
import { DeviceClient } from '../modbus/device.ts';
import type { DeviceHealth } from '../modbus/health.ts';
import type { LineOptions } from '../modbus/line.ts';
import { acquireLine, type LineLease } from './device-lines.ts';
import type { DeviceEntry } from './devices-file.ts';
import { resolveDevices } from './devices-file.ts';
import { Poller, type PollerOptions } from './poller.ts';

/**
 * Line settings for a site, where one dead device must not hold the others up for long: a reply
 * within a second, one retry, offline after two failed requests (then probed every 5 s), and a
 * request that cannot be sent within 4 s (line down, or busy with a dead unit's timeouts) fails
 * instead of waiting the 15 s a bare ModbusLine allows. A devices file entry may set the first three.
 */
export const SITE_LINE_DEFAULTS = {
  timeoutMs: 1000,
  retries: 1,
  offlineAfter: 2,
  probeIntervalMs: 5000,
} as const;

/** The line options of an entry: its own settings over the site's defaults. */
export function siteLineOptions(entry: DeviceEntry): Omit<LineOptions, 'transport'> {
  const timeoutMs = entry.timeoutMs ?? SITE_LINE_DEFAULTS.timeoutMs;
  const retries = entry.retries ?? SITE_LINE_DEFAULTS.retries;
  return {
    timeoutMs,
    retries,
    offlineAfter: entry.offlineAfter ?? SITE_LINE_DEFAULTS.offlineAfter,
    probeIntervalMs: SITE_LINE_DEFAULTS.probeIntervalMs,
    // Long enough for a request that waits behind another unit's full set of attempts.
    queueTimeoutMs: Math.max(4000, 2 * timeoutMs * (retries + 1)),
  };
}

export interface SiteDevicesOptions {
  devices: readonly DeviceEntry[];
  /** Folder relative profile paths are taken from (default the working folder). */
  baseDir?: string;
  /** Names the list's origin in error messages (default "startEdge options"). */
  where?: string;
}

/**
 * @example
 * ```ts
 * await using site = await SiteDevices.open({
 *   devices: [{ name: 'lamp-1', profile: 'streetlight-controller', host, port }],
 * });
 * await site.write('lamp-1', 'dimming', 40, 'night plan'); // { readBack: 40 }
 * site.startPolling({
 *   store: telemetry,
 *   log,
 *   onReadings: ({ device, readings }) => console.log(device, readings.length),
 * });
 * ```
 */
export class SiteDevices implements PointWriter, AsyncDisposable {
  readonly #clients: Map<string, DeviceClient>;
  readonly #leases: LineLease[];
  #poller: Poller | undefined;
  #disposed: Promise<void> | undefined;

  private constructor(clients: Map<string, DeviceClient>, leases: LineLease[]) {
    this.#clients = clients;
    this.#leases = leases;
  }

  /**
   * Checks the entries and loads their profiles (nothing is opened if one is wrong), then
   * attaches every device to its line. Lines connect lazily, so a device that is down now
   * does not stop the site from starting.
   *
   * @throws ValidationError naming each bad entry and field.
   */
  static async open(options: SiteDevicesOptions): Promise<SiteDevices> {
    const resolved = await resolveDevices(options.devices, {
      where: options.where ?? 'startEdge options',
      baseDir: options.baseDir ?? process.cwd(),
    });
    const clients = new Map<string, DeviceClient>();
    const leases: LineLease[] = [];
    try {
      for (const { entry, profile } of resolved) {
        const lease = acquireLine(entry.host, entry.port, siteLineOptions(entry));
        leases.push(lease);
        const client = new DeviceClient({
          profile,
          line: lease.line,
          device: entry.name,
          ...(entry.unit === undefined ? {} : { unit: entry.unit }),
        });
        clients.set(entry.name, client);
      }
    } catch (err) {
      // A palette node may hold the same unit under another name: give the lines back.
      await Promise.all(leases.map((l) => l.release()));
      throw err;
    }
    return new SiteDevices(clients, leases);
  }

  /** The devices' clients, by name. */
  get clients(): ReadonlyMap<string, DeviceClient> {
    return this.#clients;
  }

  /** Health of every device: state, last error and counters (why its readings are bad). */
  health(): DeviceHealth[] {
    return [...this.#clients.values()].map((c) => c.health);
  }

  /** Whether the devices file names `device`. */
  has(device: string): boolean {
    return this.#clients.has(device);
  }

  /** The command writer: the device's profile checks, the write, the read-back. */
  async write(
    device: string,
    point: string,
    value: Command['value'],
    reason: string,
  ): Promise<{ readBack: unknown }> {
    const client = this.#clients.get(device);
    if (!client) throw new NotFoundError(`no device "${device}" is configured at this site`);
    const { readBack } = await client.write(point, value, { reason });
    return { readBack };
  }

  /**
   * Starts reading every device, each point at its `pollMs` (else its profile's); once. Pass
   * `log` to hear when a device stops answering, goes offline or answers again.
   */
  startPolling(options: Omit<PollerOptions, 'devices'> = {}): Poller {
    this.#poller ??= new Poller({ ...options, devices: [...this.#clients.values()] });
    this.#poller.start();
    return this.#poller;
  }

  /** Stops the poller and lets go of the lines (the last user of a line closes it). */
  dispose(): Promise<void> {
    this.#disposed ??= (async () => {
      // Lines first: closing one fails the reads waiting on it (a dead device's can wait
      // for the line's queue timeout), so the poller's last rounds end at once.
      this.#poller?.stop();
      await Promise.all(this.#leases.map((l) => l.release()));
      await this.#poller?.dispose();
    })();
    return this.#disposed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
