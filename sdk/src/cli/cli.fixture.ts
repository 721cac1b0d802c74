/** @module Test fixture: runs heng-plugin in-process or as a child, in throwaway folders. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOutput } from './output.ts';
import { runCli } from './program.ts';

/** What a run printed and its exit status. */
export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, capturing what the commands print. */
export async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const write = {
    out: (text: string) => {
      stdout += text;
    },
    err: (text: string) => {
      stderr += text;
    },
  };
  const status = await runCli(args, (json) => createOutput(json, write));
  return { status, stdout, stderr };
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs the real executable as a child process (on this Node), in `cwd`. */
export function cliProcess(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { cwd }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** A fresh temp folder, and a function that removes it. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'heng-plugin-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
