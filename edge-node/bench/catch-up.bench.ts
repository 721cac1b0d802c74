/**
 * @module Catch-up after an hour offline: an edge that stored an hour of telemetry at 100
 * readings/s (10 devices × 10 points, a batch per device per second: 36,000 batches) while the
 * hub was unreachable, then syncs through the hub's gateway (startSync, as `heng-edge start
 * --hub` does). Figure: seconds until the hub has every batch; beside it, a bare PouchDB
 * replication of the same segment straight to the same store, without the gateway.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { siteDbName } from '@heng/hub/couch';
import { startHub } from '@heng/hub/hub';
import PouchDB from 'pouchdb-core';
import type { Result } from '../../bench/measure.ts';
import { openDatabase, SegmentedTelemetry, segmentOf } from '../src/store/index.ts';
import { startSync } from '../src/sync/index.ts';

const DEVICES = 10;
const POINTS = 10;
const SECONDS = 3600;
const BATCHES = DEVICES * SECONDS;

async function fillHour(db: PouchDB.Database, site: string, start: number): Promise<void> {
  for (let second = 0; second < SECONDS; second += 100) {
    const docs = [];
    for (let s = second; s < second + 100; s++) {
      const ts = new Date(start + s * 1000).toISOString();
      for (let d = 0; d < DEVICES; d++) {
        const device = `meter-${String(d).padStart(2, '0')}`;
        docs.push({
          _id: `tb/${ts}/${device}/bench-${s}`,
          type: 'telemetry-batch',
          site,
          device,
          readings: Array.from({ length: POINTS }, (_, p) => ({
            point: `p${p}`,
            value: (s + p) % 100,
            quality: 'good',
            ts,
          })),
          from: ts,
          to: ts,
          count: POINTS,
        });
      }
    }
    await db.bulkDocs(docs);
  }
}

async function until(count: () => Promise<number>, target: number): Promise<void> {
  while ((await count()) < target) await new Promise((r) => setTimeout(r, 100));
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-catch-up-'));
  const hub = await startHub({ port: 0, dataDir: path.join(dir, 'hub') });
  try {
    const admin = hub.admin!;
    const call = async (route: string, body: unknown, token?: string) =>
      (await fetch(`${hub.url}${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as Record<string, string>;
    const { token } = await call('/api/auth/login', { user: admin.id, password: admin.password });
    const { edgeToken } = await call('/api/sites', { id: 'catch-up', name: 'catch-up' }, token);
    await call('/api/sites', { id: 'bare', name: 'bare' }, token);

    const start = Date.now() - SECONDS * 1000;
    const segments = new SegmentedTelemetry(path.join(dir, 'edge', 'telemetry'));
    const segment = await segments.segment(segmentOf(Date.now()));
    await fillHour(segment, 'catch-up', start);
    const control = await openDatabase(path.join(dir, 'edge'), 'control');
    const couch = hub.parts.couch;
    const docCount = (site: string) =>
      couch.server.db.get(siteDbName(site, 'telemetry')).then((i) => i.doc_count);

    const began = performance.now();
    const sync = startSync({
      hub: new URL(hub.url),
      site: 'catch-up',
      token: edgeToken!,
      control,
      telemetry: segments,
      scanEveryMs: 0,
    });
    await until(() => docCount('catch-up'), BATCHES);
    const seconds = (performance.now() - began) / 1000;
    await sync.dispose();

    const bareBegan = performance.now();
    const target = new PouchDB(`${couch.url}/${siteDbName('bare', 'telemetry')}`, {
      skip_setup: true,
      fetch: (url: string | Request, opts?: RequestInit) => {
        const headers = new Headers(opts?.headers);
        headers.set('authorization', couch.authorization ?? '');
        return PouchDB.fetch(url, { ...opts, headers });
      },
    } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    await (
      segment as unknown as PouchDB.Database & {
        replicate: { to(t: PouchDB.Database, o: object): Promise<unknown> };
      }
    ).replicate.to(target, { batch_size: 100 });
    const bareSeconds = (performance.now() - bareBegan) / 1000;
    report({
      name: `catch-up after an hour offline at 100 readings/s (${BATCHES.toLocaleString('en')} batches) through the gateway`,
      unit: 's',
      value: seconds,
      extra: {
        batches_s: BATCHES / seconds,
        bare_replication_s: bareSeconds,
        ratio_bare_over_gateway_time: bareSeconds / seconds,
        hours_caught_up_per_minute: 60 / seconds,
      },
    });
    await control.close();
    await segments.close();
  } finally {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}
