/**
 * @module Test fixture: the real hub (`startHub` from `@heng/hub/hub`, its embedded store in a
 * temporary folder) with sites registered through its API, so the edge replicates through the
 * hub's own sync gateway. It can be stopped and started again on the same port and data folder,
 * as a hub that goes away for a while; the sites and their tokens persist in its store.
 */
import { type Couch, siteDbName } from '@heng/hub/couch';
import { type RunningHub, startHub } from '@heng/hub/hub';

export interface TestHub extends AsyncDisposable {
  url: URL;
  /** The running hub's store (a new handle after each `start()`: its password changes). */
  readonly couch: Couch;
  /** The edge token of each registered site. */
  tokens: Record<string, string>;
  /** A call to the hub's API as its first administrator: `json` is sent as the body. */
  api(route: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Waits, on the store's changes feed, until a site's database holds what `check` wants. */
  waitFor(
    site: string,
    db: 'control' | 'telemetry',
    check: (docs: Array<Record<string, unknown>>) => boolean,
  ): Promise<Array<Record<string, unknown>>>;
  /** Sync requests the gateway refused (audited as `sync.request`, `refused`). */
  refusedRequests(): Promise<number>;
  /** When the gateway last authenticated a request of the site's edge, since the last start. */
  lastSeen(site: string): Date | undefined;
  /** All documents (no design docs) of a site's database, through the store. */
  docs(site: string, db: 'control' | 'telemetry'): Promise<Array<Record<string, unknown>>>;
  /** Stops answering (connections closed, store closed): the edge sees the hub gone. */
  stop(): Promise<void>;
  /** Answers again on the same port, over the same data folder. */
  start(): Promise<void>;
  close(): Promise<void>;
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs the first administrator in: the session token. */
async function signIn(hub: RunningHub): Promise<string> {
  const admin = hub.admin;
  if (!admin) throw new Error('a new hub must create its administrator');
  const { token } = await json<{ token: string }>(
    await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: admin.id, password: admin.password }),
    }),
    'sign-in',
  );
  return token;
}

/** Registers `sites` with the administrator's `token`, returning their edge tokens. */
async function registerSites(
  hub: RunningHub,
  token: string,
  sites: string[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const id of sites) {
    const { edgeToken } = await json<{ edgeToken: string }>(
      await fetch(`${hub.url}/api/sites`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ id, name: `test site ${id}` }),
      }),
      `registering site ${id}`,
    );
    tokens[id] = edgeToken;
  }
  return tokens;
}

export async function startTestHub(options: {
  /** The hub's data folder. */
  dir: string;
  /** Site ids to register. */
  sites: string[];
}): Promise<TestHub> {
  let hub: RunningHub | undefined = await startHub({ port: 0, dataDir: options.dir });
  const url = new URL(`${hub.url}/`);
  let tokens: Record<string, string>;
  let adminToken: string;
  try {
    adminToken = await signIn(hub);
    tokens = await registerSites(hub, adminToken, options.sites);
  } catch (error) {
    await hub.close();
    throw error;
  }
  const running = (): RunningHub => {
    if (!hub) throw new Error('the test hub is stopped');
    return hub;
  };
  const stop = async () => {
    const current = hub;
    hub = undefined;
    await current?.close();
  };
  const start = async () => {
    if (hub) return;
    hub = await startHub({ port: Number(url.port), dataDir: options.dir });
  };
  const docs: TestHub['docs'] = async (site, db) => {
    const result = await running()
      .parts.couch.db<Record<string, unknown>>(siteDbName(site, db))
      .list({ include_docs: true });
    return result.rows
      .map((row) => row.doc as Record<string, unknown>)
      .filter((doc) => !String(doc['_id']).startsWith('_design/'));
  };
  return {
    url,
    get couch() {
      return running().parts.couch;
    },
    tokens,
    api(route, init = {}) {
      const { json: body, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${adminToken}`);
      if (body !== undefined) headers.set('content-type', 'application/json');
      return fetch(new URL(route.replace(/^\//, ''), url), {
        ...rest,
        headers,
        ...(body !== undefined
          ? { body: JSON.stringify(body), method: rest.method ?? 'POST' }
          : {}),
      });
    },
    async waitFor(site, db, check) {
      const scope = running().parts.couch.db(siteDbName(site, db));
      let since: string | number = 0;
      for (;;) {
        const found = await docs(site, db);
        if (check(found)) return found;
        const changes: { last_seq: string | number } = await scope.changes({
          feed: 'longpoll',
          since,
          timeout: 5000,
        });
        since = changes.last_seq;
      }
    },
    async refusedRequests() {
      const page = await running().parts.audit.list({
        action: 'sync.request',
        outcome: 'refused',
        limit: 500,
      });
      return page.entries.length;
    },
    lastSeen: (site) => running().parts.tracker.lastSeen(site),
    docs,
    stop,
    start,
    close: stop,
    [Symbol.asyncDispose]: stop,
  };
}
