/**
 * @module Runs the real command-line programs (`heng-hub`, `heng-edge`) as child processes under
 * the same Node and waits for the lines they print when ready: no sleeps, and an early exit fails
 * at once with what the program printed. (After edge-node's `src/cli/running.fixture.ts`, which
 * edge-node does not export; this one runs either program.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `heng-hub`'s entry point. */
export const HUB_MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

/** `heng-edge`'s entry point, found through the workspace package (a path, not an import). */
export const EDGE_MAIN = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('@heng/edge-node/package.json'))),
  'src',
  'cli',
  'main.ts',
);

/** The repository's root: reference profiles and flows are found from here. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningProgram {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved as they came. */
  readonly output: string;
  /** What it printed on stdout only. */
  readonly stdout: string;
  /** Resolves with the exit code (or null) once it has exited by itself and all output is read. */
  exited(): Promise<number | null>;
  /** Resolves with the first match of `pattern` in the output printed after `from` (default 0). */
  printed(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  /** Sends `signal` and resolves with the exit code (or null) once all output has been read. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Kills it with SIGKILL if it still runs (for afterAll, whatever happened before). */
  dispose(): Promise<void>;
}

export interface RunOptions {
  cwd?: string;
  /** Added to this process's environment (secrets go here rather than on the command line). */
  env?: Record<string, string>;
}

/** Starts `node main args…`; the caller keeps it and disposes of it. */
export function runProgram(main: string, args: string[], options: RunOptions = {}): RunningProgram {
  const child = spawn(process.execPath, [main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
  });
  let output = '';
  let stdout = '';
  // Whoever waits for a line is woken by every chunk.
  const waiting = new Set<() => void>();
  const take = (d: string) => {
    output += d;
    for (const wake of waiting) wake();
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    take(d);
  });
  child.stderr!.setEncoding('utf8').on('data', take);
  // 'close', not 'exit': only then has all of its output been read.
  const closed = once(child, 'close').then(([code]) => code as number | null);
  const running = () => child.exitCode === null && child.signalCode === null;
  const name = `${path.basename(path.dirname(path.dirname(path.dirname(main))))} ${args[0]}`;
  return {
    child,
    get output() {
      return output;
    },
    get stdout() {
      return stdout;
    },
    exited: () => closed,
    async printed(pattern, from = 0) {
      for (;;) {
        const found = pattern.exec(output.slice(from));
        if (found) return found;
        let wake = () => {};
        const more = new Promise<string>((resolve) => {
          wake = () => resolve('data');
          waiting.add(wake);
        });
        const next = await Promise.race([more, closed.then(() => 'closed')]);
        waiting.delete(wake);
        if (next === 'closed' && !pattern.exec(output.slice(from))) {
          throw new Error(`${name} exited before printing ${pattern}:\n${output}`);
        }
      }
    },
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      return closed;
    },
    async dispose() {
      if (running()) child.kill('SIGKILL');
      await closed;
    },
  };
}

/** Every program a test file started, killed in its afterAll even when a test failed. */
export class Programs {
  readonly #all: RunningProgram[] = [];

  run(main: string, args: string[], options?: RunOptions): RunningProgram {
    const program = runProgram(main, args, options);
    this.#all.push(program);
    return program;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#all.splice(0).map((p) => p.dispose()));
  }
}
