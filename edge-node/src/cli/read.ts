/**
 * @module `heng-edge read`: one-shot commissioning read. Reads every point of a device once
 * through the same line scheduler and device client the edge uses, and prints JSON.
 */
import { Command } from 'commander';
import { DeviceClient } from '../modbus/device.ts';
import { ModbusLine } from '../modbus/line.ts';
import { TcpTransport } from '../modbus/transport-tcp.ts';
import { loadProfile } from '../profiles/index.ts';
import { integer } from './arguments.ts';

/** The flags `read` and `write` share: which device, where, how patiently. */
export interface DeviceFlags {
  profile: string;
  host: string;
  port: number;
  unit?: number;
  timeout: number;
}

/** Adds the shared device flags to a command. */
export function withDeviceFlags(command: Command): Command {
  return command
    .requiredOption('--profile <file>', 'device profile (JSON)')
    .option('--host <address>', 'the device (or gateway) address', '127.0.0.1')
    .option('--port <n>', 'Modbus TCP port', integer(1, 65535), 502)
    .option('--unit <id>', "Modbus unit id (default: the profile's, else 1)", integer(1, 247))
    .option('--timeout <ms>', 'reply timeout per request', integer(10, 600_000), 1000);
}

/**
 * Loads the profile and opens the connection; the caller disposes the line. Connection
 * failures surface here, at once, rather than as every point bad.
 */
export async function openDevice(
  flags: DeviceFlags,
): Promise<{ device: DeviceClient; line: ModbusLine }> {
  const profile = await loadProfile(flags.profile);
  const line = new ModbusLine({
    transport: new TcpTransport({ host: flags.host, port: flags.port }),
    timeoutMs: flags.timeout,
    retries: 1,
    queueTimeoutMs: flags.timeout * 5,
  });
  try {
    await line.connect();
  } catch (err) {
    await line.dispose();
    throw err;
  }
  return { device: new DeviceClient({ profile, line, unit: flags.unit }), line };
}

/** The `read` command, for main.ts to register. */
export function readCommand(): Command {
  return withDeviceFlags(
    new Command('read').description(
      'read every point of a device once and print {point: {value, unit, quality}} as JSON',
    ),
  ).action(async (flags: DeviceFlags) => {
    await runRead(flags);
  });
}

async function runRead(flags: DeviceFlags): Promise<void> {
  let opened: Awaited<ReturnType<typeof openDevice>>;
  try {
    opened = await openDevice(flags);
  } catch (err) {
    console.error(`heng-edge read: ${(err as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const { device, line } = opened;
  try {
    const readings = await device.readAll();
    const out: Record<string, { value: unknown; unit?: string; quality: string; error?: string }> =
      {};
    for (const r of readings) {
      out[r.point] = { value: r.value, unit: r.unit, quality: r.quality };
      if (r.error) out[r.point]!.error = r.error.message;
    }
    console.log(JSON.stringify(out, null, 2));
    const bad = readings.filter((r) => r.quality === 'bad');
    if (bad.length > 0) {
      console.error(
        `heng-edge read: ${bad.length} of ${readings.length} points of "${device.device}" could not be read`,
      );
      process.exitCode = 1;
    }
  } finally {
    await line.dispose();
  }
}
