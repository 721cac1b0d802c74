/**
 * @module The demo city's two field sites: a lighting cabinet and a pumping station, each an
 * edge process (`heng-edge start`) syncing with the hub, a simulated Modbus device served from
 * its reference profile, and its reference flow deployed into the edge's Node-RED.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { adminPost, runningEditorOf } from '@heng/edge-node/node-red';
import { loadProfile } from '@heng/edge-node/profiles';
import { type DeviceSimulator, startSimulator } from '@heng/edge-node/sim';
import { type Child, startChild } from './child.ts';
import type { HubClient } from './hub-client.ts';

const require = createRequire(import.meta.url);

export interface SiteSpec {
  id: string;
  name: string;
  kind: 'lighting' | 'pumping';
  profile: string;
  /** The reference flow of @heng/flows. */
  flow: string;
}

export const CITY_SITES: SiteSpec[] = [
  {
    id: 'lighting-01',
    name: 'Jiefang Road lighting cabinet',
    kind: 'lighting',
    profile: 'streetlight-controller',
    flow: 'streetlight.json',
  },
  {
    id: 'pumping-01',
    name: 'East Lake pumping station',
    kind: 'pumping',
    profile: 'pumping-station',
    flow: 'pumping.json',
  },
];

export interface RunningSite extends AsyncDisposable {
  spec: SiteSpec;
  sim: DeviceSimulator;
  edge: Child;
  editorUrl: string;
  close(): Promise<void>;
}

/** Registers the site (or, when it exists from an earlier start, replaces its edge token). */
export async function siteToken(hub: HubClient, spec: SiteSpec): Promise<string> {
  const made = await hub.call<{ edgeToken?: string; error?: unknown }>(
    'POST',
    '/api/sites',
    { id: spec.id, name: spec.name, kind: spec.kind, dataClass: 'internal' },
    { accept: [409] },
  );
  if (made.edgeToken) return made.edgeToken;
  const rotated = await hub.call<{ edgeToken: string }>('POST', `/api/sites/${spec.id}/token`);
  return rotated.edgeToken;
}

/** Starts the site's simulator and edge, and deploys its flow pointed at the simulator. */
export async function startSite(options: {
  spec: SiteSpec;
  hubUrl: string;
  token: string;
  dataDir: string;
  echo?: (line: string) => void;
}): Promise<RunningSite> {
  const { spec } = options;
  const profile = await loadProfile(
    require.resolve(`@heng/edge-node/profiles/${spec.profile}.json`),
  );
  const sim = await startSimulator({ profile, port: 0 });
  const edgeDir = path.join(options.dataDir, spec.id);
  const edge = startChild({
    name: spec.id,
    args: [
      require.resolve('@heng/edge-node/cli'),
      'start',
      '--site',
      spec.id,
      '--data',
      edgeDir,
      '--port',
      '0',
      '--hub',
      options.hubUrl,
    ],
    // The token goes by the environment, never on a command line that `ps` shows.
    env: { HENG_EDGE_TOKEN: options.token },
    ...(options.echo ? { echo: options.echo } : {}),
  });
  try {
    const [, editorUrl] = (await edge.printed(/Node-RED editor on (\S+)/)) as unknown as [
      string,
      string,
    ];
    const nodes = JSON.parse(
      await readFile(require.resolve(`@heng/flows/${spec.flow}`), 'utf8'),
    ) as Array<Record<string, unknown>>;
    for (const node of nodes) {
      if (node['type'] !== 'heng-device') continue;
      node['host'] = sim.host;
      node['port'] = sim.port;
    }
    await adminPost(await runningEditorOf(path.join(edgeDir, 'node-red')), 'flows', nodes);
    const close = async () => {
      await edge.stop();
      await sim.dispose();
    };
    return { spec, sim, edge, editorUrl, close, [Symbol.asyncDispose]: close };
  } catch (err) {
    await edge.stop();
    await sim.dispose();
    throw err;
  }
}
