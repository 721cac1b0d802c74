/**
 * @module A hub for tests: started in-process on a free port over the embedded store in a
 * temporary folder, with its administrator signed in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunningHub, startHub } from './hub.ts';

export interface TestHub extends AsyncDisposable {
  hub: RunningHub;
  /** The administrator's session token. */
  adminToken: string;
  /** fetch() against the hub with the administrator's token (or `token`). */
  call(
    route: string,
    init?: RequestInit & { json?: unknown; token?: string | null },
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-'));
  const hub = await startHub({ port: 0, dataDir: dir });
  const admin = hub.admin;
  if (!admin) throw new Error('a new hub must create its administrator');
  const login = await fetch(`${hub.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: admin.id, password: admin.password }),
  });
  const { token: adminToken } = (await login.json()) as { token: string };
  const call: TestHub['call'] = (route, init = {}) => {
    const { json, token, ...rest } = init;
    const headers = new Headers(rest.headers);
    const bearer = token === undefined ? adminToken : token;
    if (bearer) headers.set('authorization', `Bearer ${bearer}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${hub.url}${route}`, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
    });
  };
  const close = async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { hub, adminToken, call, close, [Symbol.asyncDispose]: close };
}
