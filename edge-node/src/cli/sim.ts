/**
 * @module `heng-edge sim`: serves a simulated Modbus TCP device from a profile until stopped.
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadProfile } from '../profiles/index.ts';
import { type FaultOptions, parseExceptionFlag, startSimulator } from '../sim/index.ts';
import { integer } from './arguments.ts';

function fraction(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n <= 1)) {
    throw new InvalidArgumentError(`"${text}" is not a fraction from 0 to 1.`);
  }
  return n;
}

function exceptionFlag(text: string): { code: number; address?: number } {
  try {
    return parseExceptionFlag(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

interface SimFlags {
  profile: string;
  port: number;
  unit?: number;
  host: string;
  delay?: number;
  timeoutRate?: number;
  exception?: { code: number; address?: number };
  dropAfter?: number;
  garbleRate?: number;
  tick: number;
  seed?: number;
}

/** The `sim` command, for main.ts to register. */
export function simCommand(): Command {
  return new Command('sim')
    .description('serve a simulated Modbus TCP device built from a device profile')
    .requiredOption('--profile <file>', 'device profile (JSON)')
    .requiredOption('--port <n>', 'TCP port to listen on (0 picks a free one)', integer(0, 65535))
    .option('--unit <id>', "Modbus unit id (default: the profile's, else 1)", integer(1, 247))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--delay <ms>', 'reply this many milliseconds late', integer(0, 600_000))
    .option('--timeout-rate <p>', 'fraction of requests never answered', fraction)
    .option(
      '--exception <code[@addr]>',
      'answer with this exception (at this address)',
      exceptionFlag,
    )
    .option('--drop-after <n>', 'close each connection after n requests', integer(1, 2 ** 31))
    .option('--garble-rate <p>', 'fraction of replies sent malformed', fraction)
    .option('--tick <ms>', 'how often values change (0: never)', integer(0, 3_600_000), 1000)
    .option('--seed <n>', 'seed for values and faults, to replay a run', integer(0, 2 ** 32 - 1))
    .action(async (flags: SimFlags) => {
      await runSim(flags);
    });
}

async function runSim(flags: SimFlags): Promise<void> {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    const profile = await loadProfile(flags.profile);
    const faults: FaultOptions = {
      delayMs: flags.delay,
      timeoutRate: flags.timeoutRate,
      exception: flags.exception,
      dropAfter: flags.dropAfter,
      garbleRate: flags.garbleRate,
    };
    sim = await startSimulator({
      profile,
      port: flags.port,
      unit: flags.unit,
      host: flags.host,
      faults,
      tickMs: flags.tick,
      seed: flags.seed,
      onProtocolError: (message) => console.error(`heng-edge sim: ${message}`),
    });
    console.log(
      `heng-edge sim: ${profile.id} (unit ${sim.unit}) listening on ${sim.host}:${sim.port}`,
    );
  } catch (err) {
    console.error(`heng-edge sim: ${(err as Error).message}`);
    process.exitCode = 1;
    return;
  }
  // Runs until a signal: the server keeps the process alive, the handlers end it cleanly.
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.dispose();
  console.log('heng-edge sim: stopped');
}
