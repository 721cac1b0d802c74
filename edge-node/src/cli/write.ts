/**
 * @module `heng-edge write`: one-shot commissioning write of one point, through the same
 * checks (access, type, limits), the same write and the same read-back as a command.
 */
import type { DevicePoint } from '@heng/schemas';
import { Command } from 'commander';
import { type DeviceFlags, openDevice, withDeviceFlags } from './read.ts';

interface WriteFlags extends DeviceFlags {
  point: string;
  value: string;
  reason: string;
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  on: true,
  off: false,
  '1': true,
  '0': false,
};

/**
 * The command-line text as the point's type: booleans from true/false/on/off/1/0, numbers
 * from decimal text; anything else is passed on as text for `checkWrite` to refuse by name.
 */
export function valueForPoint(point: DevicePoint, text: string): unknown {
  if (point.type === 'string') return text;
  if (point.type === 'bool') return BOOLEAN_WORDS[text.trim().toLowerCase()] ?? text;
  const n = Number(text);
  return text.trim() === '' || Number.isNaN(n) ? text : n;
}

/** The `write` command, for main.ts to register. */
export function writeCommand(): Command {
  return withDeviceFlags(
    new Command('write').description(
      'write one point through the profile checks, then read it back to confirm',
    ),
  )
    .requiredOption('--point <name>', 'the point to write')
    .requiredOption('--value <v>', 'the value, in engineering units (true/false for bits)')
    .requiredOption('--reason <text>', 'why: kept with the write, as for a command')
    .action(async (flags: WriteFlags) => {
      await runWrite(flags);
    });
}

async function runWrite(flags: WriteFlags): Promise<void> {
  let opened: Awaited<ReturnType<typeof openDevice>> | undefined;
  try {
    opened = await openDevice(flags);
    const point = opened.device.profile.points.find((p) => p.name === flags.point);
    const value = point ? valueForPoint(point, flags.value) : flags.value;
    const result = await opened.device.write(flags.point, value, { reason: flags.reason });
    console.log(JSON.stringify(result, null, 2));
  } catch (err) {
    console.error(`heng-edge write: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await opened?.line.dispose();
  }
}
