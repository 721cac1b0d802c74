/**
 * @module The embedded CouchDB-compatible server: express-pouchdb in its `minimumForPouchDB` mode
 * over PouchDB on LevelDB, bound to loopback, reached only with the hub's own credentials. The
 * default store when no CouchDB is given; the hub talks to it through nano, as to a real one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import expressPouchDB from 'express-pouchdb';
import leveldb from 'pouchdb-adapter-leveldb';
import PouchDB from 'pouchdb-core';

/** A running embedded store. `url` carries no credentials; send `authorization` with each request. */
export interface EmbeddedCouch extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The Basic credentials the server requires, as a `user:password` pair. */
  credentials: { username: string; password: string };
  /** Requests refused for missing or wrong credentials, for tests and health. */
  readonly refused: number;
  close(): Promise<void>;
}

export interface EmbeddedCouchOptions {
  /** Folder for the LevelDB databases. */
  dir: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. The store must never listen on a public address. */
  host?: string;
}

/**
 * express-pouchdb follows every database PouchDB opens, through listeners on PouchDB's one shared
 * constructor (pouchdb-core emits `created` on it whoever opens a database), and never removes
 * them. So this keeps the listeners `make` adds (once it has started): `created` ones only hear this server's own
 * databases (named plainly; an edge's in the same process is a path), and `remove` takes them all
 * off when the server closes, so starts and stops in one process do not pile them up.
 */
async function ownListeners(make: () => void): Promise<{ remove(): void }> {
  const events = ['created', 'destroyed'] as const;
  const before = new Map(events.map((e) => [e, new Set(PouchDB.listeners(e))]));
  make();
  // express-pouchdb starts its followers a few promise jobs later.
  await new Promise((resolve) => setImmediate(resolve));
  const added: Array<[string, (...args: unknown[]) => void]> = [];
  for (const event of events) {
    for (const listener of PouchDB.listeners(event) as Array<(...args: unknown[]) => void>) {
      if (before.get(event)?.has(listener)) continue;
      PouchDB.removeListener(event, listener);
      const own =
        event === 'created'
          ? (name: unknown, ...rest: unknown[]) => {
              if (typeof name === 'string' && path.isAbsolute(name)) return;
              listener(name, ...rest);
            }
          : listener;
      PouchDB.on(event, own);
      added.push([event, own]);
    }
  }
  return {
    remove() {
      for (const [event, listener] of added) PouchDB.removeListener(event, listener);
    },
  };
}

/** Owner-only modes: the store holds password hashes, token hashes and every site's data. */
export const STORE_DIR_MODE = 0o700;
export const STORE_FILE_MODE = 0o600;

/**
 * Makes `dir` (and what an earlier start left in it) readable by the hub's user only, and masks
 * group and other bits from every file the process creates from now on: LevelDB keeps making
 * files (logs, tables, manifests) for as long as the store runs, so a one-off chmod would not
 * hold. The mask is process-wide and is left in place: a hub process writes nothing that others
 * should read.
 */
async function keepPrivate(dir: string): Promise<void> {
  process.umask(process.umask() | 0o077);
  await mkdir(dir, { recursive: true, mode: STORE_DIR_MODE });
  const walk = async (folder: string): Promise<void> => {
    await chmod(folder, STORE_DIR_MODE);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const at = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(at);
      else if (entry.isFile()) await chmod(at, STORE_FILE_MODE);
    }
  };
  await walk(dir);
}

function authorised(req: IncomingMessage, expected: Buffer): boolean {
  const given = Buffer.from(req.headers.authorization ?? '');
  return (
    given.length === expected.length &&
    timingSafeEqual(new Uint8Array(given), new Uint8Array(expected))
  );
}

/**
 * Starts the embedded store. express-pouchdb's own auth mode crashes the process on an
 * unauthorised request, so the mode used has no auth and this server checks a generated Basic
 * password in front of it instead: other local users cannot read the store even on loopback.
 */
export async function startEmbeddedCouch(options: EmbeddedCouchOptions): Promise<EmbeddedCouch> {
  const dir = path.resolve(options.dir);
  await keepPrivate(dir);
  // A constructor of its own, so the server's databases live under `dir` only; the prefix
  // ends with a separator because PouchDB concatenates it with the database name.
  const Pouch = PouchDB.plugin(leveldb).defaults({
    prefix: `${dir}${path.sep}`,
    adapter: 'leveldb',
  } as PouchDB.Configuration.DatabaseConfiguration);
  let app!: ReturnType<typeof expressPouchDB>;
  const listening = await ownListeners(() => {
    app = expressPouchDB(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  });
  const credentials = { username: 'heng-hub', password: randomBytes(24).toString('base64url') };
  const expected = Buffer.from(
    `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
  );
  let refused = 0;
  const server: Server = createServer((req, res) => {
    if (!authorised(req, expected)) {
      refused++;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"unauthorized","reason":"the embedded store takes only the hub"}\n');
      return;
    }
    app(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    if (!server.listening) return;
    // Stop accepting first, then drop open requests (longpolls), so nothing holds it open.
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await stopped;
    listening.remove();
  };
  return {
    url: `http://${host}:${port}`,
    credentials,
    get refused() {
      return refused;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
