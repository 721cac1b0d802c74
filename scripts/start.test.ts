/**
 * `npm start` as a new administrator meets it: the demo city comes up, readings reach the hub,
 * the app installed through the catalog runs at the edge, a command sent at the hub comes back
 * with its outcome, a new site can be registered, and Ctrl-C stops every process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const START = fileURLToPath(new URL('./start.ts', import.meta.url));
const PLUGIN = 'city.hengyang.street-lighting';

let child: ChildProcess;
let output = '';
let dir: string;
let hubUrl: string;
let token: string;

/** Resolves with the first match of `pattern` in the city's output. */
async function printed(pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const found = pattern.exec(output);
    if (found) return found;
    if (child.exitCode !== null)
      throw new Error(`npm start exited before printing ${pattern}:\n${output}`);
    await once(child.stdout!, 'data');
  }
}

/** Asks `read` again until it returns something: the other processes answer when they answer. */
async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await delay(200);
  }
  throw new Error(`never saw ${what}`);
}

const api = async <T>(route: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${hubUrl}/api${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${route}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-city-'));
  child = spawn(process.execPath, [START, '--port', '0', '--data', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  await printed(/\[city\] ready/);
  hubUrl = (await printed(/Hub API\s+(http:\/\/\S+)\/api/))[1]!;
  const password = (await printed(/Administrator user "admin", password (\S+)/))[1]!;
  const login = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'admin', password }),
  });
  token = ((await login.json()) as { token: string }).token;
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'close');
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  test('brings readings of both sites to the hub', async () => {
    for (const [site, device] of [
      ['lighting-01', 'lamp-01'],
      ['pumping-01', 'pump-01'],
    ]) {
      const batch = await eventually(async () => {
        const { batches } = await api<{ batches: Array<{ device: string; count: number }> }>(
          `/sites/${site}/telemetry?device=${device}&limit=1`,
        );
        return batches[0];
      }, `telemetry of ${site}`);
      expect(batch.count).toBeGreaterThan(0);
    }
  });

  test('runs the app installed through the catalog at the lighting edge', async () => {
    const app = await eventually(async () => {
      const { apps } = await api<{
        apps: Array<{ install: { plugin: { id: string } }; status?: { state: string } }>;
      }>('/sites/lighting-01/apps');
      const found = apps.find((a) => a.install.plugin.id === PLUGIN);
      return found?.status?.state === 'active' ? found : undefined;
    }, 'the app active at lighting-01');
    expect(app.status?.state).toBe('active');
  });

  test('runs the pumping incidents app installed through the catalog at the hub', async () => {
    const app = await eventually(async () => {
      const { apps } = await api<{
        apps: Array<{ install: { plugin: { id: string } }; status?: { state: string } }>;
      }>('/sites/hub/apps');
      const found = apps.find((a) => a.install.plugin.id === 'cn.hengyang.water.pump-incidents');
      return found?.status?.state === 'active' ? found : undefined;
    }, 'the incidents app active at the hub');
    expect(app.status?.state).toBe('active');
  });

  test('sends a command to a lamp and shows the outcome read back from the device', async () => {
    const { command } = await api<{ command: { id: string } }>('/sites/lighting-01/commands', {
      device: 'lamp-01',
      point: 'dimming',
      value: 40,
      reason: 'start.test',
    });
    const outcome = await eventually(async () => {
      const found = await api<{ outcome: { status: string; readBack?: unknown } | null }>(
        `/sites/lighting-01/commands/${command.id}`,
      );
      return found.outcome ?? undefined;
    }, 'the outcome');
    expect(outcome).toMatchObject({ status: 'applied', readBack: 40 });
  });

  test('lets the administrator register another site', async () => {
    const made = await api<{ edgeToken: string }>('/sites', {
      id: 'environment-01',
      name: 'Xiangjiang air station',
    });
    expect(made.edgeToken.length).toBeGreaterThan(20);
  });

  test('stops every process on Ctrl-C', async () => {
    const pids = [...output.matchAll(/edge running \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2);
    child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const [code] = await Promise.race([
      once(child, 'close'),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`npm start did not stop:\n${output.slice(-3000)}`)),
          50_000,
        );
      }),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
