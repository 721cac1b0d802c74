/**
 * @module Test fixture: the sync gateway served over real HTTP on loopback, in front of the
 * embedded store (through a spy that records what reaches it), with an authenticator over a
 * map of tokens and an audit log that keeps its entries in memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DataClass } from '@heng/schemas';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AuditEntry, AuditLog, AuditRecord } from '../audit/types.ts';
import type { Authenticator, Principal } from '../auth/types.ts';
import { Couch, siteDbName, startEmbeddedCouch } from '../couch/index.ts';
import { type SyncLimits, syncGateway } from './index.ts';
import { type StoreSpy, spyOnStore } from './store-spy.fixture.ts';

/** An authenticator over a map of tokens, standing in for the hub's real one. */
export class MapAuthenticator implements Authenticator {
  readonly tokens = new Map<string, Principal>();
  async authenticate(token: string): Promise<Principal | null> {
    return this.tokens.get(token) ?? null;
  }
  /** Adds a site's edge token. */
  edge(site: string, token: string, clearance: DataClass = 'internal'): this {
    this.tokens.set(token, { kind: 'edge', id: site, roles: ['edge'], clearance, site });
    return this;
  }
}

/** An audit log that keeps its entries in memory (no chain hashing: the real one does that). */
export class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(record: AuditRecord): Promise<AuditEntry> {
    const entry: AuditEntry = {
      ...record,
      seq: this.entries.length + 1,
      at: new Date().toISOString(),
      prev: '',
      hash: '',
    };
    this.entries.push(entry);
    return entry;
  }
}

export interface GatewayHarness extends AsyncDisposable {
  /** `http://127.0.0.1:<port>/sync` */
  sync: string;
  /** The store as the hub reaches it (through the spy). */
  couch: Couch;
  spy: StoreSpy;
  auth: MapAuthenticator;
  audit: MemoryAudit;
  seen: Array<{ site: string; at: Date }>;
  /** A temp folder for edge databases, removed at the end. */
  dir: string;
  /** Store requests that mention `text` (e.g. a database name), since the test began. */
  storeRequests(text: string): string[];
  close(): Promise<void>;
}

/** Starts the store, the spy and the gateway; creates the sites' databases. */
export async function startGateway(
  options: { sites?: string[]; limits?: Partial<SyncLimits> } = {},
): Promise<GatewayHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-gateway-'));
  const store = await startEmbeddedCouch({ dir: path.join(dir, 'hub') });
  const spy = await spyOnStore(store.url);
  // The hub's own credentials, sent through the spy unchanged.
  const couch = new Couch({ url: spy.url, credentials: store.credentials });
  for (const site of options.sites ?? ['lighting-01', 'pumping-02']) {
    await couch.ensureDb(siteDbName(site, 'control'));
    await couch.ensureDb(siteDbName(site, 'telemetry'));
  }
  const auth = new MapAuthenticator();
  const audit = new MemoryAudit();
  const seen: Array<{ site: string; at: Date }> = [];
  const app = new Hono();
  app.route(
    '/sync',
    syncGateway({
      couch,
      authenticator: auth,
      audit,
      ...(options.limits ? { limits: options.limits } : {}),
      onSeen: (site, at) => seen.push({ site, at }),
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  const from = spy.seen.length;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await spy.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    sync: `http://127.0.0.1:${port}/sync`,
    couch,
    spy,
    auth,
    audit,
    seen,
    dir,
    storeRequests: (text) => spy.seen.slice(from).filter((line) => line.includes(text)),
    close,
    [Symbol.asyncDispose]: close,
  };
}
