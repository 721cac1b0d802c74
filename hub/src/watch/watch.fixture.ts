/**
 * @module Test fixture for the watch: real conflicts made in a real store (two revisions written
 * with `new_edits: false`, as replication writes them), waiting for a watcher's events, and a
 * TCP relay in front of the store that a test can cut and restore to make the store go away.
 */

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Couch } from '../couch/index.ts';
import type { SiteWatcher, WatchEvents } from './watcher.ts';

/**
 * Writes `id` at generation 1 with `base`, then two generation-2 revisions on top of it with
 * `new_edits: false`, as two databases edited apart would replicate them: the document ends up
 * in conflict. Returns the two revisions; `hash` decides which CouchDB picks (the greater wins).
 */
export async function makeConflict(
  couch: Couch,
  db: string,
  id: string,
  base: Record<string, unknown>,
  a: { hash: string; body: Record<string, unknown> },
  b: { hash: string; body: Record<string, unknown> },
): Promise<{ a: string; b: string }> {
  const first = await couch.db(db).insert({ ...base, _id: id } as never);
  const parent = first.rev.split('-')[1] ?? '';
  const leaf = (x: { hash: string; body: Record<string, unknown> }) => ({
    ...x.body,
    _id: id,
    _rev: `2-${x.hash}`,
    _revisions: { start: 2, ids: [x.hash, parent] },
  });
  await couch.db(db).bulk({ docs: [leaf(a), leaf(b)], new_edits: false });
  return { a: `2-${a.hash}`, b: `2-${b.hash}` };
}

/** Resolves with the first `event` of the watcher that `match` accepts. */
export function nextEvent<E extends keyof WatchEvents>(
  watcher: SiteWatcher,
  event: E,
  match: (...args: WatchEvents[E]) => boolean = () => true,
): Promise<WatchEvents[E][0]> {
  return new Promise((resolve) => {
    const listener = (...args: WatchEvents[E]) => {
      if (!match(...args)) return;
      watcher.off(event, listener as never);
      resolve(args[0]);
    };
    watcher.on(event, listener as never);
  });
}

/** A TCP relay to `target`: `cut()` drops every connection and stops listening; `restore()` listens again on the same port. */
export interface Relay extends AsyncDisposable {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
}

export async function startRelay(targetUrl: string): Promise<Relay> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    const s = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const sock of [client, upstream]) {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
        sock.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const cut = async () => {
    const s = server;
    server = undefined;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    restore: listen,
    [Symbol.asyncDispose]: cut,
  };
}
