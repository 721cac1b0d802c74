/**
 * @module Hub API throughput: requests/s on read routes of the real hub (auth, store, JSON)
 * against a bare @hono/node-server handler answering the same JSON from memory, both loaded by
 * the same generator in another process, interleaved.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compare, type Result } from '../../bench/measure.ts';
import { startHub } from '../src/hub.ts';

const run = promisify(execFile);
const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));
const ROUND_MS = 2000;
const CONCURRENCY = 16;

async function load(url: string, token?: string): Promise<number> {
  const { stdout } = await run(process.execPath, [
    LOAD,
    url,
    String(ROUND_MS),
    String(CONCURRENCY),
    ...(token ? [token] : []),
  ]);
  const { requests, seconds, errors } = JSON.parse(stdout) as {
    requests: number;
    seconds: number;
    errors: number;
  };
  if (errors > 0) throw new Error(`${errors} of ${requests} requests to ${url} failed`);
  return requests / seconds;
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-api-bench-'));
  const hub = await startHub({ port: 0, dataDir: dir });
  const bare = new Hono();
  let body = '';
  bare.get('/json', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  try {
    const admin = hub.admin!;
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: admin.id, password: admin.password }),
    });
    const { token } = (await login.json()) as { token: string };
    for (const id of ['lighting-01', 'pumping-01', 'air-01']) {
      await fetch(`${hub.url}/api/sites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id, name: id }),
      });
    }
    const bareUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/json`;
    for (const [route, what] of [
      ['/api/me', 'GET /api/me (token check, JSON)'],
      [
        '/api/sites/lighting-01',
        'GET /api/sites/:site (token check, site and its sync state, cached)',
      ],
    ] as const) {
      // The bare handler answers the very bytes the hub answers, from memory.
      body = await (
        await fetch(`${hub.url}${route}`, { headers: { authorization: `Bearer ${token}` } })
      ).text();
      report(
        await compare(
          `${what} vs a bare @hono/node-server handler`,
          'requests/s',
          () => load(`${hub.url}${route}`, token),
          () => load(bareUrl),
          {
            rounds: 5,
            warmup: 1,
            goal: '≥ 0.5',
          },
        ),
      );
    }
  } finally {
    server.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}
