/**
 * @module Where a running edge's editor listens, kept in its Node-RED folder (`editor.json`) while
 * it runs: the port may be picked at start (`--port 0`), and the technician's other commands
 * (`heng-edge readings`, `heng-edge admin`) find the editor from the data folder alone.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { HengError } from '@heng/schemas';
import { adminFileIn, editorAddressFileIn } from './folder-layout.ts';

export interface EditorAddress {
  url: string;
  /** The edge process serving it. */
  pid: number;
}

/** Records where the editor of `dataDir` listens (replacing what a killed edge left). */
export async function writeEditorAddress(dataDir: string, url: string): Promise<void> {
  const address: EditorAddress = { url, pid: process.pid };
  await writeFile(editorAddressFileIn(dataDir), `${JSON.stringify(address, null, 2)}\n`, {
    mode: 0o600,
  });
}

/** Forgets the address, if it is still this process's. */
export async function removeEditorAddress(dataDir: string): Promise<void> {
  const found = await readEditorAddress(dataDir).catch(() => undefined);
  if (found?.pid === process.pid) await rm(editorAddressFileIn(dataDir), { force: true });
}

/** The address a running edge recorded; `not_found` naming the file when none runs. */
export async function readEditorAddress(dataDir: string): Promise<EditorAddress> {
  const file = editorAddressFileIn(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new HengError(
      'not_found',
      `no edge is running with this data folder: ${file} does not exist (start one with heng-edge start)`,
    );
  }
  return JSON.parse(text) as EditorAddress;
}

/**
 * The running editor of a Node-RED folder, as `adminHeaders` and `adminPost` take it: its address
 * and the admin credentials file beside it.
 */
export async function runningEditorOf(
  dataDir: string,
): Promise<{ url: string; credentialsFile: string }> {
  const { url } = await readEditorAddress(dataDir);
  return { url, credentialsFile: adminFileIn(dataDir) };
}
