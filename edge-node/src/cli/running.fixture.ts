/**
 * @module Runs a long-lived `heng-edge` command (sim, start) as a child process under the same
 * Node, and waits for the lines it prints when ready: no sleeps, and an early exit fails at once
 * with what it printed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface RunningCommand {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved as they came. */
  readonly output: string;
  /** Resolves with the first match of `pattern` in the output, waiting for it if need be. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  /** Sends `signal` and resolves with the exit code once all output has been read. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Kills it if it still runs (for afterEach). */
  dispose(): Promise<void>;
}

/** Starts `heng-edge args…` in `cwd`. */
export function runHengEdge(args: string[], cwd?: string): RunningCommand {
  const child = spawn(process.execPath, [main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd ? { cwd } : {}),
  });
  let output = '';
  // Whoever waits for a line is told of every chunk.
  const waiting = new Set<() => void>();
  const take = (d: string) => {
    output += d;
    for (const wake of waiting) wake();
  };
  child.stdout!.setEncoding('utf8').on('data', take);
  child.stderr!.setEncoding('utf8').on('data', take);
  // 'close', not 'exit': only then has all of its output been read.
  const closed = once(child, 'close').then(([code]) => code as number | null);
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    get output() {
      return output;
    },
    async printed(pattern) {
      for (;;) {
        const found = pattern.exec(output);
        if (found) return found;
        let wake = () => {};
        const more = new Promise<string>((resolve) => {
          wake = () => resolve('data');
          waiting.add(wake);
        });
        const next = await Promise.race([more, closed.then(() => 'closed')]);
        waiting.delete(wake);
        if (next === 'closed' && !pattern.exec(output)) {
          throw new Error(`heng-edge ${args[0]} exited before printing ${pattern}:\n${output}`);
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
