/**
 * @module The ten-device run of the Modbus benchmark: ten TCP devices, one ModbusLine each (a TCP
 * device has its own address and connection; a silent one must not slow the others down), each
 * polled back to back into the telemetry store. The tenth is either a device that answers or one
 * that never does; the figure is the readings/s of the other nine.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { DeviceProfile } from '@heng/schemas';
import { DeviceClient, ModbusLine, TcpTransport } from '../src/modbus/index.ts';
import type { TelemetryStore } from '../src/store/index.ts';

/** The same line options for every line in both runs: short, so a round sees timeouts and probes. */
const LINE = { timeoutMs: 250, retries: 2, offlineAfter: 3, probeIntervalMs: 1000 };
/** A poller that got nothing waits this long before it polls again, as a polling schedule would. */
const BACKOFF_MS = 100;

export interface FleetOptions {
  host: string;
  healthy: number[];
  tenth: { answering: number; silent: number };
  profile: DeviceProfile;
  telemetry: TelemetryStore;
  roundMs: number;
}

interface Poller {
  name: string;
  line: ModbusLine;
  device: DeviceClient;
}

export interface Fleet extends AsyncDisposable {
  timeoutMs: number;
  /** Polls the nine and the chosen tenth for one round; returns the nine's readings/s. */
  round(tenth: 'answering' | 'silent'): Promise<number>;
  /** Health state of the silent device now (offline once it has failed often enough). */
  silentState(): string;
  dispose(): Promise<void>;
}

async function poller(host: string, port: number, name: string, profile: DeviceProfile) {
  const line = new ModbusLine({ transport: new TcpTransport({ host, port }), ...LINE });
  await line.connect();
  return { name, line, device: new DeviceClient({ profile, line, device: name }) };
}

export async function pollFleet(options: FleetOptions): Promise<Fleet> {
  const { host, profile, telemetry } = options;
  const nine = await Promise.all(
    options.healthy.map((port, i) => poller(host, port, `device-${i + 1}`, profile)),
  );
  const tenth = {
    answering: await poller(host, options.tenth.answering, 'device-10', profile),
    silent: await poller(host, options.tenth.silent, 'device-10-silent', profile),
  };
  const all: Poller[] = [...nine, tenth.answering, tenth.silent];

  const round = async (which: 'answering' | 'silent') => {
    let stopped = false;
    let counted = 0;
    const acks: Array<Promise<void>> = [];
    const loop = async (p: Poller, count: boolean) => {
      while (!stopped) {
        const readings = await p.device.readAll();
        let good = 0;
        for (const r of readings) {
          if (r.quality !== 'good' || r.value === null) continue;
          good++;
          acks.push(
            telemetry.append(p.name, { point: r.point, value: r.value, quality: 'good', ts: r.ts }),
          );
        }
        if (count && !stopped) counted += good;
        if (good === 0) await delay(BACKOFF_MS);
      }
    };
    const start = performance.now();
    const loops = [...nine.map((p) => loop(p, true)), loop(tenth[which], false)];
    // The round is a time window: what the nine read in it is the figure.
    await delay(options.roundMs);
    stopped = true;
    const seconds = (performance.now() - start) / 1000;
    await Promise.all(loops);
    await Promise.all(acks);
    return counted / seconds;
  };

  const dispose = async () => {
    await Promise.all(all.map((p) => p.line.dispose()));
  };
  return {
    timeoutMs: LINE.timeoutMs,
    round,
    silentState: () => tenth.silent.device.health.state,
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
