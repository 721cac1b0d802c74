/**
 * An edge start that fails half-way closes what it had opened (issue 11: starts that clean up
 * after themselves), shown by the process's own list of handles and timers and by starting again.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEdge } from './start.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-start-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/**
 * What is alive beyond `before` once closing has run its course. Handles finish closing a moment
 * after the close that ended them, and no event says when, so this looks again every 20 ms for up
 * to 5 s: what a leak leaves (a timer, a server, a database) is still there.
 */
async function leftOver(before: Record<string, number>): Promise<Record<string, number>> {
  const until = Date.now() + 5000;
  for (;;) {
    const now = resources();
    const left = Object.fromEntries(
      Object.entries(now).filter(([kind, n]) => n > (before[kind] ?? 0)),
    );
    if (Object.keys(left).length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function taken(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('an edge start that fails', () => {
  test('when the editor’s port is taken (the last step): closes all, and starts again', async () => {
    const busy = await taken();
    try {
      const before = resources();
      await expect(
        startEdge({ site: 'lighting-01', dataDir: dir, port: busy.port }),
      ).rejects.toThrow();
      expect(await leftOver(before)).toEqual({});
    } finally {
      await new Promise<void>((resolve) => busy.server.close(() => resolve()));
    }
    const edge = await startEdge({ site: 'lighting-01', dataDir: dir, port: 0 });
    await edge.stop();
  });

  test('when its control database cannot open (a middle step): closes what it had opened', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'control'), 'not a database');
    const before = resources();
    await expect(startEdge({ site: 'lighting-01', dataDir: dir, port: 0 })).rejects.toThrow();
    expect(await leftOver(before)).toEqual({});
  });
});
