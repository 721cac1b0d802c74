/**
 * @module Catch-up after an hour offline at 100 readings/s: the day segment an edge filled while
 * the hub was unreachable (36,000 batches of 10 readings, made by the edge's own telemetry store)
 * pushed to the hub through its sync gateway, against a bare PouchDB replication of the same
 * segment straight to the hub's store. Both sides replicate with the edge's telemetry push
 * settings (live, retry with the edge's backoff, batch_size 500) into a fresh database each
 * round, interleaved after a warm-up; a round ends when the replication pauses with nothing left
 * to send, as it does when an edge has caught up. `HENG_BENCH_CATCH_UP_SECONDS` shortens the
 * offline span for a quick look (default 3600).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { siteDbName } from '@heng/hub/couch';
import { startHub } from '@heng/hub/hub';
import { HengError } from '@heng/schemas';
import PouchDB from 'pouchdb-core';
import { compare, median, type Result } from '../../bench/measure.ts';
import { SegmentedTelemetry } from '../src/store/index.ts';
import { cappedBackoff } from '../src/sync/backoff.ts';
import { openRemote } from '../src/sync/remote.ts';
import { type ReplicationInfo, replicate } from '../src/sync/replicate.ts';
import { TELEMETRY_PUSH_BATCH } from '../src/sync/telemetry-push.ts';
import { DEVICES, fillOffline, POINTS } from './hour-offline.fixture.ts';

const SECONDS = Number(process.env['HENG_BENCH_CATCH_UP_SECONDS'] ?? 3600);
const SITE = 'catch-up';
/** 08:00 UTC on a fixed day: the hour stays within one day segment. */
const START = Date.UTC(2026, 2, 1, 8);

/**
 * Pushes `source` to `target` as the edge's telemetry push does (`TelemetryPush#start`), until
 * the replication pauses with no error: everything is across and it waits for new changes.
 * Returns the seconds it took and the documents it wrote.
 */
async function catchUp(
  source: PouchDB.Database,
  target: PouchDB.Database,
): Promise<{ seconds: number; written: number }> {
  const began = performance.now();
  const replication = replicate('push', source, target, {
    live: true,
    retry: true,
    back_off_function: cappedBackoff(),
    batch_size: TELEMETRY_PUSH_BATCH,
  });
  let written = 0;
  const stopped = new Promise<void>((resolve) => replication.on('complete', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      replication.on('change', (info: ReplicationInfo) => {
        written = info.docs_written ?? written;
      });
      // With an error it is a failed request that it will retry: not caught up.
      replication.on('paused', (error) => error === undefined && resolve());
      replication.on('error', reject);
      replication.on('denied', (error) => reject(error));
    });
  } finally {
    replication.cancel();
    await stopped;
  }
  return { seconds: (performance.now() - began) / 1000, written };
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-catch-up-'));
  const hub = await startHub({ port: 0, dataDir: path.join(dir, 'hub') });
  const segments = new SegmentedTelemetry(path.join(dir, 'edge', 'telemetry'));
  try {
    const call = async (route: string, body: unknown, token?: string) =>
      (await fetch(`${hub.url}${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as Record<string, string>;
    const admin = hub.admin!;
    const { token } = await call('/api/auth/login', { user: admin.id, password: admin.password });
    const { edgeToken } = await call('/api/sites', { id: SITE, name: SITE }, token);

    const backlog = await fillOffline(segments, SITE, START, SECONDS);
    const source = await segments.segment(backlog.segment);
    const couch = hub.parts.couch;
    const gatewaySeconds: number[] = [];
    const bareSeconds: number[] = [];
    let round = 0;

    const check = (side: string, written: number) => {
      if (written !== backlog.batches)
        throw new HengError(
          'internal',
          `catch-up bench: the ${side} replication wrote ${written} of ${backlog.batches} batches`,
        );
    };
    const throughGateway = async () => {
      // The batches name the site, so the gateway side always pushes to its telemetry database:
      // dropped and made again, so every round sends the whole hour.
      const name = siteDbName(SITE, 'telemetry');
      await couch.dropDb(name);
      await couch.ensureDb(name);
      const target = openRemote({
        hub: new URL(hub.url),
        site: SITE,
        db: 'telemetry',
        token: edgeToken!,
      });
      const { seconds, written } = await catchUp(source, target);
      await target.close();
      check('gateway', written);
      gatewaySeconds.push(seconds);
      return backlog.batches / seconds;
    };
    const bare = async () => {
      const name = `catch-up-bare-${round++}`;
      await couch.ensureDb(name);
      // Opened as openRemote opens the gateway's, with the store's credentials instead.
      const target = new PouchDB(`${couch.url}/${name}`, {
        skip_setup: true,
        headers: { Authorization: couch.authorization ?? '' },
      } as PouchDB.Configuration.RemoteDatabaseConfiguration);
      const { seconds, written } = await catchUp(source, target);
      await target.close();
      await couch.dropDb(name);
      check('bare', written);
      bareSeconds.push(seconds);
      return backlog.batches / seconds;
    };
    const hours = SECONDS / 3600;
    const result = await compare(
      `catch-up after ${hours === 1 ? 'an hour' : `${SECONDS} s`} offline at ${DEVICES * POINTS} readings/s (${backlog.batches.toLocaleString('en')} batches) through the gateway vs bare PouchDB replication to the same store (edge push settings, batch_size 500)`,
      'batches/s',
      throughGateway,
      bare,
      // A round lasts tens of seconds: one warm-up pair, the minimum of five rounds.
      { warmup: 1, rounds: 5 },
    );
    // The warm-up pair is not part of the figures.
    const timed = (all: number[]) => all.slice(1);
    result.extra = {
      gateway_s: median(timed(gatewaySeconds)),
      gateway_s_range: `${Math.min(...timed(gatewaySeconds)).toFixed(1)}–${Math.max(...timed(gatewaySeconds)).toFixed(1)}`,
      bare_s: median(timed(bareSeconds)),
      hours_caught_up_per_minute: (60 / median(timed(gatewaySeconds))) * hours,
      load_average: `${loadBefore.toFixed(1)}→${os.loadavg()[0]!.toFixed(1)}`,
    };
    report(result);
  } finally {
    await segments.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}
