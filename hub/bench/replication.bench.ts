/**
 * @module Telemetry replication edge → hub in documents/s: PouchDB on LevelDB pushing through the
 * sync gateway (token check, per-document policy, audit, forwarding) against the same PouchDB
 * pushing the same documents straight to the same embedded store. Each round replicates into a
 * fresh database, so every round does the whole work.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compare, type Result } from '../../bench/measure.ts';
import { Couch, siteDbName, startEmbeddedCouch } from '../src/couch/index.ts';
import { edgeDb, gatewayDb, remoteDb, replicate } from '../src/gateway/edge-pouch.fixture.ts';
import { MapAuthenticator, MemoryAudit } from '../src/gateway/gateway.fixture.ts';
import { syncGateway } from '../src/gateway/index.ts';

/** Documents per round: a few seconds of work at the store's pace. */
const DOCS = 3000;
/** PouchDB's batch size on both sides (BENCHMARKS.md measured the bare path at 500). */
const BATCH = 500;
/** Readings per telemetry batch: one device's flush of ten points. */
const READINGS = 10;

function batch(site: string, i: number) {
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

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-replication-bench-'));
  const store = await startEmbeddedCouch({ dir: path.join(dir, 'hub') });
  const couch = new Couch({ url: store.url, credentials: store.credentials });
  const auth = new MapAuthenticator();
  const audit = new MemoryAudit();
  const app = new Hono();
  app.route('/sync', syncGateway({ couch, authenticator: auth, audit }));
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    );
  });
  const sync = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sync`;
  const edge = edgeDb(dir, 'edge-telemetry');
  let round = 0;
  try {
    const docs = Array.from({ length: DOCS }, (_, i) => batch('bench', i));
    for (let i = 0; i < DOCS; i += BATCH) await edge.bulkDocs(docs.slice(i, i + BATCH));

    const throughGateway = async () => {
      // The documents name site "bench", so every round pushes to that site, into a fresh database.
      const site = 'bench';
      const name = siteDbName(site, 'telemetry');
      await couch.dropDb(name);
      await couch.ensureDb(name);
      auth.edge(site, 'bench-token');
      const target = gatewayDb(`${sync}/${site}/telemetry`, 'bench-token');
      const start = performance.now();
      const result = await replicate(edge, target, { batch_size: BATCH });
      const seconds = (performance.now() - start) / 1000;
      await target.close();
      if (result.docs_written !== DOCS)
        throw new Error(`gateway wrote ${result.docs_written} of ${DOCS}`);
      return DOCS / seconds;
    };
    const bare = async () => {
      const name = `bench-bare-${round++}`;
      await couch.ensureDb(name);
      const target = remoteDb(`${store.url}/${name}`, couch.authorization);
      const start = performance.now();
      const result = await replicate(edge, target, { batch_size: BATCH });
      const seconds = (performance.now() - start) / 1000;
      await target.close();
      await couch.dropDb(name);
      if (result.docs_written !== DOCS)
        throw new Error(`bare wrote ${result.docs_written} of ${DOCS}`);
      return DOCS / seconds;
    };
    const result = await compare(
      `telemetry push edge → hub through the sync gateway vs bare PouchDB replication to the same store (${DOCS} batches of ${READINGS} readings, batch_size ${BATCH})`,
      'docs/s',
      throughGateway,
      bare,
      // The machine is shared and a round lasts seconds: more rounds than the minimum.
      { goal: '≥ 0.8 of bare', rounds: 9 },
    );
    result.extra = {
      readings_per_s_gateway: result.candidate * READINGS,
      audit_entries: audit.entries.length,
    };
    report(result);
  } finally {
    await edge.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
