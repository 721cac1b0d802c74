/**
 * A hub start that fails half-way closes what it had opened (issue 11: starts that clean up after
 * themselves): the store, the watcher's feeds, the plugins, the server. Shown by the process's
 * own list of handles and timers, and by starting again on the same data folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startHub } from './hub.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-start-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Handles and timers alive now, by kind (servers, sockets, timeouts, file handles…). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds whose count grew since `before`. */
function grown(before: Record<string, number>): Record<string, number> {
  const now = resources();
  return Object.fromEntries(Object.entries(now).filter(([kind, n]) => n > (before[kind] ?? 0)));
}

/**
 * What is still alive beyond `before` once closing has run its course. Sockets finish closing a
 * moment after the close that ended them, and no event says when, so this looks again every
 * 20 ms for up to 5 s: what a leak leaves (a feed's retry timer, a store server) is still there.
 */
async function leftOver(before: Record<string, number>): Promise<Record<string, number>> {
  const until = Date.now() + 5000;
  for (;;) {
    const left = grown(before);
    if (Object.keys(left).length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listening(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('a hub start that fails', () => {
  test('when its port is taken (the last step): closes store, feeds and plugins; starts again', async () => {
    const taken = await listening();
    try {
      const before = resources();
      await expect(startHub({ port: taken.port, dataDir: dir })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
      expect(await leftOver(before)).toEqual({});
    } finally {
      await new Promise<void>((resolve) => taken.server.close(() => resolve()));
    }
    const hub = await startHub({ port: 0, dataDir: dir });
    await hub.close();
  });

  test('when its store does not answer (an early step): nothing is left running', async () => {
    const before = resources();
    await expect(
      startHub({ port: 0, dataDir: dir, couchdbUrl: 'http://127.0.0.1:9' }),
    ).rejects.toThrow();
    expect(await leftOver(before)).toEqual({});
  });

  test('when its data folder cannot be made (the first step): a clear error, nothing left', async () => {
    const blocked = path.join(dir, 'file');
    await writeFile(blocked, 'not a folder');
    const before = resources();
    await expect(startHub({ port: 0, dataDir: path.join(blocked, 'hub') })).rejects.toThrow();
    expect(await leftOver(before)).toEqual({});
  });
});
