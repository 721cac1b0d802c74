/**
 * @module A real `heng-hub start` process for end-to-end tests, its administrator signed in over
 * the API, and a small client of that API. The hub's own store is read after the process stops,
 * through the same nano code path the hub uses (its embedded store's password is per start and
 * known to the hub process only).
 */
import { type Couch, openHubStore, siteDbName } from '../couch/index.ts';
import { HUB_MAIN, type Programs, type RunningProgram } from './processes.fixture.ts';

export interface HubProcess {
  program: RunningProgram;
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The administrator's password: printed on the first start of a data folder only. */
  adminPassword: string | undefined;
}

/** Starts `heng-hub start --port <port> --data <data>` and waits until it listens. */
export async function startHubProcess(
  programs: Programs,
  data: string,
  port = 0,
): Promise<HubProcess> {
  const program = programs.run(HUB_MAIN, ['start', '--port', String(port), '--data', data]);
  const url = (await program.printed(/heng-hub: listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  const admin = /created administrator "admin" with password (\S+)/.exec(program.output);
  return { program, url, port: Number(new URL(url).port), adminPassword: admin?.[1] };
}

/** The hub's HTTP API with one principal's token. */
export class HubApi {
  readonly url: string;
  readonly token: string;

  constructor(url: string, token: string) {
    this.url = url;
    this.token = token;
  }

  /** Signs in (`POST /api/auth/login`). */
  static async login(url: string, user: string, password: string): Promise<HubApi> {
    const reply = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, password }),
    });
    if (reply.status !== 200) throw new Error(`login as ${user}: ${reply.status}`);
    return new HubApi(url, ((await reply.json()) as { token: string }).token);
  }

  /** Any request with this token; a `json` body is sent as JSON (POST unless a method is given). */
  call(route: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${this.url}${route}`, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
    });
  }

  /** A request that must succeed (2xx): its JSON body. */
  async json<T>(route: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const reply = await this.call(route, init);
    const text = await reply.text();
    if (reply.status >= 300)
      throw new Error(`${init.method ?? 'GET'} ${route}: ${reply.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** Registers a site; returns its edge token. */
  async registerSite(id: string, kind = 'lighting'): Promise<string> {
    const { edgeToken } = await this.json<{ edgeToken: string }>('/api/sites', {
      json: { id, name: `${id} (end-to-end test)`, kind },
    });
    return edgeToken;
  }
}

/** A telemetry batch as the hub's store holds it. */
export interface StoredBatch {
  _id: string;
  device: string;
  count: number;
  readings: Array<{ point: string; ts: string }>;
}

/**
 * Opens a stopped hub's store (the same data folder, the same code path) for `read`, then closes
 * it again.
 */
export async function withHubStore<T>(
  data: string,
  read: (couch: Couch) => Promise<T>,
): Promise<T> {
  const store = await openHubStore({ dataDir: data });
  try {
    return await read(store.couch);
  } finally {
    await store.close();
  }
}

/** Every telemetry batch in a site's telemetry database at the hub, read through nano. */
export async function hubBatches(couch: Couch, site: string): Promise<StoredBatch[]> {
  const rows = await couch.db<StoredBatch>(siteDbName(site, 'telemetry')).list({
    startkey: 'tb/',
    endkey: 'tb/\ufff0',
    include_docs: true,
  });
  return rows.rows.map((row) => row.doc!);
}
