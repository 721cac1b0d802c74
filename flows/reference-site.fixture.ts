/**
 * @module A reference site for the flow tests: the flow's simulated device, an edge
 * (`startEdge`) with its embedded Node-RED, and the flow deployed through the admin API with the
 * device's placeholder host and port pointed at the simulator, as a technician would set them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type RunningEdge, startEdge } from '@heng/edge-node/edge';
import { adminPost } from '@heng/edge-node/node-red';
import { loadProfile } from '@heng/edge-node/profiles';
import { type DeviceSimulator, startSimulator } from '@heng/edge-node/sim';
import type { HengEvent, TelemetryBatch } from '@heng/schemas';

const require = createRequire(import.meta.url);

export interface ReferenceSite extends AsyncDisposable {
  edge: RunningEdge;
  sim: DeviceSimulator;
  /** Deploys the flow file, its `heng-device` pointed at the simulator. */
  deploy(): Promise<void>;
  /** Presses an inject node's button, as in the editor. */
  inject(id: string): Promise<void>;
  /** Resolves with the first event on `topic` (subscribe before it can be raised). */
  nextEvent(topic: string): Promise<HengEvent>;
  /** Every stored batch, oldest first. */
  batches(): Promise<TelemetryBatch[]>;
  close(): Promise<void>;
}

/** Starts the simulator of `profile` (frozen values: the test sets them) and an edge. */
export async function startReferenceSite(
  flowFile: string,
  profile: string,
): Promise<ReferenceSite> {
  const loaded = await loadProfile(require.resolve(`@heng/edge-node/profiles/${profile}.json`));
  const sim = await startSimulator({ profile: loaded, port: 0, tickMs: 0, seed: 1 });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-flow-'));
  let edge: RunningEdge;
  try {
    edge = await startEdge({ site: 'reference-site', dataDir, port: 0 });
  } catch (err) {
    await sim.dispose();
    throw err;
  }

  const post = (route: string, body?: unknown) => adminPost(edge.editor, route, body);

  const close = async () => {
    await edge.stop();
    await sim.dispose();
    await rm(dataDir, { recursive: true, force: true });
  };
  return {
    edge,
    sim,
    async deploy() {
      const nodes = JSON.parse(await readFile(flowFile, 'utf8')) as Array<Record<string, unknown>>;
      for (const node of nodes) {
        if (node['type'] !== 'heng-device') continue;
        node['host'] = sim.host;
        node['port'] = sim.port;
      }
      await post('flows', nodes);
    },
    inject: (id) => post(`inject/${id}`),
    nextEvent: (topic) =>
      new Promise((resolve) => {
        edge.services.bus.subscribe(topic, (event) => resolve(event));
      }),
    async batches() {
      const out: TelemetryBatch[] = [];
      for (const name of await edge.segments.names()) {
        const docs = await (await edge.segments.segment(name)).allDocs<TelemetryBatch>({
          include_docs: true,
        });
        out.push(...docs.rows.map((r) => r.doc!));
      }
      return out;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
