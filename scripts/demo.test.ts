import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';

const DEMO = fileURLToPath(new URL('./demo.ts', import.meta.url));
const PLUGIN = 'city.hengyang.street-lighting';

interface Running {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line that matches, once it is printed. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startDemo(data: string): Running {
  const child = spawn(process.execPath, [DEMO, '--port', '0', '--data', data], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const read = (line: string) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const match = line.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  createInterface({ input: child.stdout! }).on('line', read);
  createInterface({ input: child.stderr! }).on('line', read);
  const waitFor = (pattern: RegExp) => {
    const seen = lines.map((l) => l.match(pattern)).find((m) => m);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<RegExpMatchArray>((resolve) => waiters.push({ pattern, resolve })),
      exited.then(({ code }) => {
        throw new Error(
          `the demo exited (${code}) before printing ${pattern}:\n${lines.join('\n')}`,
        );
      }),
    ]);
  };
  return { child, lines, waitFor, exited };
}

describe('npm start (scripts/demo.ts)', () => {
  let demo: Running | undefined;
  let data: string | undefined;
  afterEach(async () => {
    if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
      demo.child.kill('SIGKILL');
      await demo.exited;
    }
    if (data) await rm(data, { recursive: true, force: true });
    demo = undefined;
    data = undefined;
  });

  test('serves the street-lighting status of the simulated city and stops cleanly on SIGINT', async () => {
    data = await mkdtemp(join(tmpdir(), 'heng-demo-'));
    demo = startDemo(data);
    const [, url] = await demo.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await demo.waitFor(/Ctrl-C stops the demo/);
    expect(demo.lines).toContainEqual(
      expect.stringContaining(`GET ${url}/plugins/${PLUGIN}/status`),
    );

    const res = await fetch(`${url}/plugins/${PLUGIN}/status`);
    expect(res.status).toBe(200);
    const status = (await res.json()) as {
      planLevel: number;
      lamps: { total: number };
      sites: Array<{ site: string; lamps: number }>;
    };
    expect(status.lamps.total).toBe(7);
    expect(status.sites.map(({ site, lamps }) => ({ site, lamps }))).toEqual([
      { site: 'lighting-01', lamps: 4 },
      { site: 'lighting-02', lamps: 3 },
    ]);
    expect(status.planLevel).toBeGreaterThanOrEqual(0);

    const lamp = await fetch(`${url}/plugins/${PLUGIN}/lamps/lamp-02?site=lighting-01`);
    expect(await lamp.json()).toMatchObject({ site: 'lighting-01', device: 'lamp-02', level: 100 });

    demo.child.kill('SIGINT');
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(demo.lines.at(-1)).toMatch(/stopped$/);
  });
});
