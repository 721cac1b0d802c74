/**
 * @module One round of each side of the replication benches: an edge database pushed, with
 * PouchDB's one-shot replication, through the gateway into the site's telemetry database made
 * afresh, or straight to a fresh database of the same store. Each returns documents/s.
 */
import { HengError } from '@heng/schemas';
import type { Round } from '../../bench/measure.ts';
import { siteDbName } from '../src/couch/index.ts';
import { gatewayDb, remoteDb, replicate } from '../src/gateway/edge-pouch.fixture.ts';
import type { GatewayRig } from './gateway-rig.fixture.ts';

export interface PushRoundsOptions {
  /** The site the documents name: the gateway side pushes into its telemetry database. */
  site: string;
  /** How many documents the edge database holds; each round must write them all. */
  docs: number;
  batchSize: number;
}

/** The two kinds of round over `rig`, pushing `edge`. */
export function pushRounds(
  rig: GatewayRig,
  edge: PouchDB.Database,
  options: PushRoundsOptions,
): { throughGateway: Round; bare: Round; cpuMsPerThousand: { gateway: number[]; bare: number[] } } {
  const { site, docs, batchSize } = options;
  let round = 0;
  const cpuMsPerThousand = { gateway: [] as number[], bare: [] as number[] };
  const timed = async (side: 'gateway' | 'bare', target: PouchDB.Database) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = await replicate(edge, target, { batch_size: batchSize });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    cpuMsPerThousand[side].push((used.user + used.system) / docs);
    await target.close();
    if (result.docs_written !== docs)
      throw new HengError(
        'internal',
        `replication bench: the ${side} side wrote ${result.docs_written} of ${docs} documents`,
      );
    return docs / seconds;
  };
  return {
    cpuMsPerThousand,
    throughGateway: async () => {
      const name = siteDbName(site, 'telemetry');
      await rig.couch.dropDb(name);
      await rig.couch.ensureDb(name);
      const token = `${site}-token`;
      rig.auth.edge(site, token);
      return timed('gateway', gatewayDb(`${rig.sync}/${site}/telemetry`, token));
    },
    bare: async () => {
      const name = `bench-bare-${round++}`;
      await rig.couch.ensureDb(name);
      try {
        return await timed('bare', remoteDb(`${rig.store.url}/${name}`, rig.couch.authorization));
      } finally {
        await rig.couch.dropDb(name);
      }
    },
  };
}
