/**
 * @module A long-running child process of the demo city (an edge), with its output kept and
 * prefixed, and a way to wait for the line it prints when ready.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface Child extends AsyncDisposable {
  name: string;
  process: ChildProcess;
  /** Resolves with the first line matching `pattern`; rejects if the child exits first. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface ChildOptions {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Where its lines go, prefixed with its name; default: nowhere. */
  echo?: (line: string) => void;
}

export function startChild(o: ChildOptions): Child {
  const child = spawn(process.execPath, o.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...o.env },
  });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  const take = (line: string) => {
    lines.push(line);
    if (lines.length > 500) lines.shift();
    o.echo?.(`${o.name}: ${line}`);
    for (const wake of waiting) wake();
  };
  createInterface({ input: child.stdout! }).on('line', take);
  createInterface({ input: child.stderr! }).on('line', take);
  const closed = once(child, 'close').then(([code]) => code as number | null);
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (graceMs = 15_000) => {
    if (!running()) return closed;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await closed;
    clearTimeout(timer);
    return code;
  };
  return {
    name: o.name,
    process: child,
    async printed(pattern) {
      for (;;) {
        for (const line of lines) {
          const found = pattern.exec(line);
          if (found) return found;
        }
        let wake = () => {};
        const more = new Promise<'more'>((resolve) => {
          wake = () => resolve('more');
          waiting.add(wake);
        });
        const next = await Promise.race([more, closed.then(() => 'closed' as const)]);
        waiting.delete(wake);
        if (next === 'closed' && !lines.some((l) => pattern.test(l)))
          throw new Error(
            `${o.name} exited before printing ${pattern}:\n${lines.slice(-20).join('\n')}`,
          );
      }
    },
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop();
    },
  };
}
