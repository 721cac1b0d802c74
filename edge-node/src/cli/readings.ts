/**
 * @module `heng-edge readings`: prints the latest readings a running edge has stored, per device,
 * as JSON. It asks the edge's admin API (signed in with the admin credentials of the data folder)
 * because the running edge holds the store's LevelDB lock.
 */
import { HengError } from '@heng/schemas';
import { Command } from 'commander';
// The files themselves, not the folder's index: that would load Node-RED for a GET.
import { adminGet } from '../node-red/admin-client.ts';
import { runningEditorOf } from '../node-red/editor-address.ts';
import { editorAddressFileIn } from '../node-red/folder-layout.ts';
import { READINGS_ROUTE } from '../node-red/stored-readings.ts';
import { integer } from './arguments.ts';
import { editorFolder } from './edge-folder.ts';

interface ReadingsFlags {
  data: string;
  device?: string;
  limit: number;
}

/** The `readings` command, for main.ts to register. */
export function readingsCommand(): Command {
  return new Command('readings')
    .description('print the latest readings a running edge has stored, per device, as JSON')
    .requiredOption('--data <dir>', 'the data folder of the running heng-edge start')
    .option('--device <name>', 'only this device')
    .option('--limit <n>', 'readings per device, newest first', integer(1, 1000), 20)
    .action(async (flags: ReadingsFlags) => {
      try {
        console.log(JSON.stringify(await storedReadings(flags), null, 2));
      } catch (error) {
        console.error(`heng-edge readings: ${(error as Error).message}`);
        process.exitCode = 1;
      }
    });
}

async function storedReadings(flags: ReadingsFlags): Promise<unknown> {
  const editor = await runningEditorOf(editorFolder(flags.data));
  const query = new URLSearchParams({ limit: String(flags.limit) });
  if (flags.device !== undefined) query.set('device', flags.device);
  try {
    return await adminGet(editor, `${READINGS_ROUTE}?${query}`);
  } catch (error) {
    // fetch says only "fetch failed"; the refused connection is in its cause.
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') {
      throw new HengError(
        'not_found',
        `no edge answers at ${editor.url} (recorded in ${editorAddressFileIn(editorFolder(flags.data))}): is heng-edge start running?`,
      );
    }
    throw error;
  }
}
