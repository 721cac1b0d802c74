/**
 * @module Bench fixture: the sync gateway served on loopback in front of an embedded store, with
 * an authenticator over a map of tokens and an in-memory audit, and the telemetry batches an edge
 * pushes, for the replication benches.
 */
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Couch, type EmbeddedCouch, startEmbeddedCouch } from '../src/couch/index.ts';
import { MapAuthenticator, MemoryAudit } from '../src/gateway/gateway.fixture.ts';
import { syncGateway } from '../src/gateway/index.ts';

/** Readings per telemetry batch: one device's flush of ten points. */
export const READINGS = 10;

/** The `i`-th telemetry batch of `site`, shaped as the edge's store makes them. */
export function telemetryBatch(site: string, i: number) {
  const ts = new Date(Date.UTC(2026, 2, 1, 8, 0, 0, i)).toISOString();
  const readings = Array.from({ length: READINGS }, (_, p) => ({
    point: `p${p}`,
    value: (i * p) / 7,
    quality: 'good',
    ts,
  }));
  return {
    _id: `tb/${ts}/dev-${i % 50}/b-${i.toString(36)}`,
    type: 'telemetry-batch',
    site,
    device: `dev-${i % 50}`,
    readings,
    from: ts,
    to: ts,
    count: READINGS,
  };
}

export interface GatewayRig extends AsyncDisposable {
  store: EmbeddedCouch;
  /** The store as the hub reaches it. */
  couch: Couch;
  auth: MapAuthenticator;
  audit: MemoryAudit;
  /** `http://127.0.0.1:<port>/sync` */
  sync: string;
  close(): Promise<void>;
}

/** Starts an embedded store under `dir` and the gateway in front of it. */
export async function startGatewayRig(dir: string): Promise<GatewayRig> {
  await mkdir(dir, { recursive: true });
  const embedded = await startEmbeddedCouch({ dir });
  const couch = new Couch({ url: embedded.url, credentials: embedded.credentials });
  const auth = new MapAuthenticator();
  const audit = new MemoryAudit();
  const app = new Hono();
  app.route('/sync', syncGateway({ couch, authenticator: auth, audit }));
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    );
  });
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await embedded.close();
  };
  return {
    store: embedded,
    couch,
    auth,
    audit,
    sync: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sync`,
    close,
    [Symbol.asyncDispose]: close,
  };
}
