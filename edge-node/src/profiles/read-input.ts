/**
 * @module Reads a file a technician hands the edge (a profile, a devices file): a missing one is
 * `not_found`, an unreadable one `invalid_input`, each naming the file and what it was meant to be.
 */
import { readFile } from 'node:fs/promises';
import { HengError } from '@heng/schemas';

/** The text of `file`; `what` names it in errors, e.g. "device profile". */
export async function readInputFile(
  file: string | URL,
  what: string,
  shown = String(file),
): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new HengError(
      missing ? 'not_found' : 'invalid_input',
      missing
        ? `${what} ${shown} does not exist`
        : `cannot read ${what} ${shown}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
