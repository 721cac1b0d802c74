/**
 * @module Test fixture: a hub plugin package (`runsOn: hub`) that answers a high-water alarm from a
 * site by starting the standby pump there and opening an incident at the hub with the latest water
 * level the hub has, signed by a vendor
 * key, with the calls that trust the key, publish it and install it at the hub.
 */
import type { Permission, PluginManifest } from '@heng/schemas';
import { makePackage, vendorKey } from '../catalog/catalog.fixture.ts';

export const HUB_PLUGIN_ID = 'com.example.standby-pumps';

export const HUB_PLUGIN_PERMISSIONS: Permission[] = [
  { capability: 'events:subscribe', topics: ['pump/high-level'] },
  { capability: 'telemetry:read', points: ['+/+/water-level'] },
  { capability: 'events:publish', topics: ['incident/flooding/+'] },
  {
    capability: 'command:write',
    points: ['+/+/pump-2-start'],
    rate: { count: 5, perSeconds: 60 },
    reason: 'Starts the standby pump of a station whose wet well is too high',
  },
  { capability: 'storage', quotaKiB: 64 },
];

/** On `pump/high-level`: start pump 2 at the event's site and device, then open an incident. */
const BUNDLE = `export default {
  async onEvent(e, { heng }) {
    const point = e.site + '/' + e.payload.device + '/pump-2-start';
    const latest = await heng.telemetry.latest(e.site + '/' + e.payload.device + '/water-level');
    let commandId = null, error = null;
    try { commandId = (await heng.commands.send({ point, value: true, reason: 'standby pump on high water' })).id; }
    catch (err) { error = err.code; }
    await heng.storage.put('last', { site: e.site, commandId, error });
    await heng.events.publish(
      'incident/flooding/opened',
      { site: e.site, commandId, error, level: latest ? latest.value : null },
      { level: 2, title: 'High water at ' + e.site },
    );
  },
};
`;

/** The hub plugin's manifest at `version` (runsOn as given: `hub` unless a test says otherwise). */
export function hubPluginManifest(
  version = '1.0.0',
  runsOn = ['hub'],
  id = HUB_PLUGIN_ID,
): PluginManifest {
  return {
    id,
    name: 'Standby pumps',
    version,
    vendor: { name: 'Example Water' },
    engines: { heng: '^0.1.0' },
    runsOn,
    entry: 'dist/plugin.js',
    permissions: HUB_PLUGIN_PERMISSIONS,
  } as PluginManifest;
}

/** Any hub API call: route, method, JSON or binary body; resolves to the reply. */
export type HubCall = (
  method: string,
  route: string,
  body?: unknown,
) => Promise<{ status: number; json: unknown }>;

/** A hub client's `call(route, init)`: the in-process test hub's, or a real hub's `HubApi`. */
export type HubSend = (route: string, init: RequestInit & { json?: unknown }) => Promise<Response>;

/** A {@link HubCall} over a client: bytes go as a package, anything else as JSON. */
export function hubCallVia(send: HubSend): HubCall {
  return async (method, route, body) => {
    const reply = await send(route, {
      method,
      ...(body instanceof Uint8Array
        ? {
            body: body as Uint8Array<ArrayBuffer>,
            headers: { 'content-type': 'application/octet-stream' },
          }
        : body === undefined
          ? {}
          : { json: body }),
    });
    const text = await reply.text();
    return { status: reply.status, json: text ? JSON.parse(text) : null };
  };
}

/** Trusts a new vendor key, then publishes the hub plugin signed with it. */
export async function publishHubPlugin(
  call: HubCall,
  manifest: PluginManifest = hubPluginManifest(),
): Promise<void> {
  const key = await vendorKey();
  const trusted = await call('POST', '/api/catalog/keys', { publicKey: key.pub, name: 'water' });
  if (trusted.status !== 201)
    throw new Error(`trust: ${trusted.status} ${JSON.stringify(trusted.json)}`);
  const bytes = await makePackage(manifest, key.priv, BUNDLE);
  const published = await call('POST', '/api/catalog/packages', bytes);
  if (published.status !== 201)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.json)}`);
}

/** The hub plugin at the hub, as `GET /api/sites/hub/apps/:plugin` shows it: record and report. */
export interface HubApp {
  install: { state: string; site: string };
  status: { state: string; current: boolean; lastError?: { code: string } } | null;
}

/** The hub plugin's install and report at the hub. */
export async function hubApp(call: HubCall): Promise<HubApp> {
  const { status, json } = await call('GET', `/api/sites/hub/apps/${HUB_PLUGIN_ID}`);
  if (status !== 200) throw new Error(`hub app: ${status} ${JSON.stringify(json)}`);
  return json as HubApp;
}

/** The install request of the hub plugin at `places` (default: the hub). */
export function hubInstallRequest(
  places: string[] = ['hub'],
  version = '1.0.0',
  id = HUB_PLUGIN_ID,
) {
  return {
    sites: places,
    plugin: { id, version },
    consent: { permissions: HUB_PLUGIN_PERMISSIONS },
  };
}
