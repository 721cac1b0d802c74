/**
 * @module The demo city for end-to-end runs: `scripts/start.ts` as a child process (a real hub
 * serving the built shell, real edges with simulated devices), its URL, administrator password and
 * edge pids read from what it prints, and a stop that leaves no process behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildShell } from '../scripts/build.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = path.join(ROOT, 'scripts', 'start.ts');
const SHELL_DIST = path.join(ROOT, 'shell', 'dist');

/** How long Ctrl-C may take before the city and its edges are killed. */
const STOP_GRACE_MS = 30_000;

/**
 * The hub's online window for these runs, in seconds: short, so a stopped edge shows offline in
 * seconds. The demo sites' edges push telemetry every 2–5 s (their devices' poll intervals), so
 * a running edge is seen well inside it.
 */
export const E2E_ONLINE_WINDOW_S = 15;

/** Sends `sig` to `pid` unless that process is gone already. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** A running demo city. */
export interface City extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`: the shell at `/`, the API under `/api`. */
  url: string;
  /** The administrator's password, printed once by the city's first start. */
  password: string;
  /** The city's data folder (the vendor's key is `vendor/demo-vendor.key.json` in it). */
  dir: string;
  /** Each site's edge process id, by site id (`lighting-01`, `pumping-01`). */
  edges: Map<string, number>;
  /** Everything the city printed so far, for failure messages. */
  output(): string;
  /** Stops the city (SIGINT, as Ctrl-C) and removes its data folder. */
  stop(): Promise<void>;
}

/** The newest modification time among the shell's sources (ms). */
async function newestSource(): Promise<number> {
  const src = path.join(ROOT, 'shell', 'src');
  const files = await readdir(src, { recursive: true });
  const times = await Promise.all(files.map(async (f) => (await stat(path.join(src, f))).mtimeMs));
  return Math.max(0, ...times);
}

/**
 * Builds the shell into `shell/dist` unless a build newer than every source is there: the hub
 * serves what it finds, and a build older than the sources would test yesterday's shell.
 */
export async function ensureShellBuilt(): Promise<void> {
  try {
    const built = (await stat(path.join(SHELL_DIST, 'index.html'))).mtimeMs;
    if (built >= (await newestSource())) return;
  } catch {
    // no build yet
  }
  await buildShell(SHELL_DIST);
}

/** Starts the demo city on a free port in a new temporary folder; resolves once it is ready. */
export async function startCity(): Promise<City> {
  await ensureShellBuilt();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-shell-e2e-'));
  const args = [START, '--port', '0', '--data', dir, '--online-window', `${E2E_ONLINE_WINDOW_S}`];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (d: string) => {
    output += d;
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);

  const printed = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const found = pattern.exec(output);
      if (found) return found;
      if (child.exitCode !== null)
        throw new Error(`the demo city exited before printing ${pattern}:\n${output}`);
      await Promise.race([once(child.stdout!, 'data'), once(child, 'exit')]);
    }
  };

  let stopped: Promise<void> | undefined;
  const edges = new Map<string, number>();
  const stop = () => {
    stopped ??= (async () => {
      // A stopped edge would not hear its SIGTERM: wake every edge first.
      for (const pid of edges.values()) signal(pid, 'SIGCONT');
      if (child.exitCode === null && child.signalCode === null) {
        const closed = once(child, 'exit');
        child.kill('SIGINT');
        // Ctrl-C stops the city in a few seconds; if it hangs, say so and leave nothing behind.
        const timer = setTimeout(() => {
          console.warn(
            `the demo city did not stop in ${STOP_GRACE_MS} ms:\n${output.slice(-4000)}`,
          );
          for (const pid of edges.values()) signal(pid, 'SIGKILL');
          child.kill('SIGKILL');
        }, STOP_GRACE_MS);
        await closed;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await printed(/\[city\] ready/);
    for (const m of output.matchAll(/site (\S+): edge running \(pid (\d+)\)/g))
      edges.set(m[1]!, Number(m[2]));
    const url = (await printed(/Web shell\s+(http:\/\/\S+?)\/?\s/))[1]!;
    const password = (await printed(/Administrator user "admin", password (\S+)/))[1]!;
    return {
      url,
      password,
      dir,
      edges,
      output: () => output,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
