/**
 * @module Telemetry replication edge → hub in documents/s: PouchDB on LevelDB pushing through the
 * sync gateway (token check, per-document policy, audit, forwarding) against the same PouchDB
 * pushing the same documents straight to the same embedded store. Each round replicates into a
 * fresh database, so every round does the whole work.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compare, median, type Result } from '../../bench/measure.ts';
import { edgeDb } from '../src/gateway/edge-pouch.fixture.ts';
import { READINGS, startGatewayRig, telemetryBatch } from './gateway-rig.fixture.ts';
import { pushRounds } from './push-rounds.ts';

/** Documents per round: a few seconds of work at the store's pace. */
const DOCS = 3000;
/** PouchDB's batch size on both sides (BENCHMARKS.md measured the bare path at 500). */
const BATCH = 500;

export default async function bench(report: (r: Result) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-replication-bench-'));
  const rig = await startGatewayRig(path.join(dir, 'hub'));
  const edge = edgeDb(dir, 'edge-telemetry');
  try {
    const docs = Array.from({ length: DOCS }, (_, i) => telemetryBatch('bench', i));
    for (let i = 0; i < DOCS; i += BATCH) await edge.bulkDocs(docs.slice(i, i + BATCH));
    const rounds = pushRounds(rig, edge, { site: 'bench', docs: DOCS, batchSize: BATCH });
    const result = await compare(
      `telemetry push edge → hub through the sync gateway vs bare PouchDB replication to the same store (${DOCS} batches of ${READINGS} readings, batch_size ${BATCH})`,
      'docs/s',
      rounds.throughGateway,
      rounds.bare,
      // The machine is shared and a round lasts seconds: more rounds than the minimum.
      { goal: '≥ 0.8 of bare', rounds: 9 },
    );
    result.extra = {
      readings_per_s_gateway: result.candidate * READINGS,
      audit_entries: rig.audit.entries.length,
      cpu_ms_per_1000_docs_gateway: median(rounds.cpuMsPerThousand.gateway),
      cpu_ms_per_1000_docs_bare: median(rounds.cpuMsPerThousand.bare),
      load_average: os.loadavg()[0]!,
    };
    report(result);
  } finally {
    await edge.close();
    await rig.close();
    await rm(dir, { recursive: true, force: true });
  }
}
