/**
 * @module `heng-edge admin`: how to sign in to an edge's Node-RED editor. It names the user and
 * the owner-only file that holds the password, and prints the password itself only when asked
 * (`--show-password`), so it never lands in a shared terminal's scrollback or a log by accident.
 */

import { readFile } from 'node:fs/promises';
import { HengError } from '@heng/schemas';
import { Command } from 'commander';
// The files themselves, not the folder's index: that would load Node-RED to read two files.
import { readEditorAddress } from '../node-red/editor-address.ts';
import { adminFileIn } from '../node-red/folder-layout.ts';
import type { AdminCredentials } from '../node-red/runtime.ts';
import { editorFolder } from './edge-folder.ts';

interface AdminFlags {
  data: string;
  showPassword?: boolean;
}

/** The `admin` command, for main.ts to register. */
export function adminCommand(): Command {
  return new Command('admin')
    .description(
      "how to sign in to the edge's Node-RED editor: user, password file, editor address",
    )
    .requiredOption('--data <dir>', 'the data folder given to heng-edge start')
    .option('--show-password', 'print the password itself (it is secret: mind who sees the screen)')
    .action(async (flags: AdminFlags) => {
      try {
        await printAdmin(flags);
      } catch (error) {
        console.error(`heng-edge admin: ${(error as Error).message}`);
        process.exitCode = 1;
      }
    });
}

async function printAdmin(flags: AdminFlags): Promise<void> {
  const folder = editorFolder(flags.data);
  const address = await readEditorAddress(folder).catch(() => undefined);
  const file = adminFileIn(folder);
  let credentials: AdminCredentials;
  try {
    credentials = JSON.parse(await readFile(file, 'utf8')) as AdminCredentials;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new HengError(
      'not_found',
      `no admin account in ${flags.data} yet (${file} does not exist): heng-edge start makes one`,
    );
  }
  console.log(`editor:   ${address ? address.url : 'not running (start it with heng-edge start)'}`);
  console.log(`user:     ${credentials.username}`);
  console.log(
    flags.showPassword
      ? `password: ${credentials.password}`
      : `password: in ${file} (readable by its owner only; --show-password prints it)`,
  );
}
