/**
 * A hub behind a TLS proxy: browsers send the proxy's origin, which the hub cannot see from its
 * own address, so it is configured (`heng-hub start --origin`); any other origin is still refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningHub, startHub } from './hub.ts';

const PROXY = 'https://hub.city.example';
let dir: string;
let hub: RunningHub;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-origin-'));
  hub = await startHub({ port: 0, dataDir: dir, origins: [PROXY] });
});
afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

const signIn = (origin: string) =>
  fetch(`${hub.url}/api/auth/login`, {
    method: 'POST',
    headers: { origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body: JSON.stringify({ user: hub.admin?.id, password: hub.admin?.password }),
  });

test('takes writes from the configured proxy origin, and from no other', async () => {
  expect((await signIn(PROXY)).status).toBe(200);
  expect((await signIn('https://evil.example')).status).toBe(403);
  expect((await signIn('http://hub.city.example')).status).toBe(403);
});
