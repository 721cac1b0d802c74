import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBus, type PluginStatus, type PluginStatusDoc, pluginStatusDocId } from '@heng/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type EdgeDatabase, openDatabase } from '../store/index.ts';
import { EdgeApps } from './edge-apps.ts';
import {
  installDoc,
  PLUGIN,
  packageDoc,
  signedPackage,
  tamper,
  trustDoc,
  type Vendor,
  vendor,
} from './packages.fixture.ts';
import { EdgePlugins } from './plugins.ts';

let dir: string;
let control: EdgeDatabase;
let local: EdgeDatabase;
let edges: Array<{ apps: EdgeApps; plugins: EdgePlugins; bus: EventBus }> = [];
let acme: Vendor;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heng-apps-'));
  control = await openDatabase(dir, 'control');
  local = await openDatabase(dir, 'local');
  acme = await vendor();
});

afterEach(async () => {
  for (const edge of edges.splice(0)) await stopEdge(edge);
  await control.close();
  await local.close();
  await rm(dir, { recursive: true, force: true });
});

async function stopEdge(edge: (typeof edges)[number]) {
  await edge.apps.dispose();
  await edge.plugins.dispose();
  edge.bus.dispose();
}

/** An edge's apps over the shared control database, as `startEdge` wires them. */
function startApps(onState?: (status: PluginStatus) => void) {
  const bus = new EventBus();
  const plugins = new EdgePlugins({
    site: 'lighting-01',
    control,
    local,
    bus,
    log: () => {},
  });
  if (onState) plugins.host.onStateChange(onState);
  const apps = new EdgeApps({ site: 'lighting-01', control, host: plugins.host });
  apps.start();
  const edge = { apps, plugins, bus };
  edges.push(edge);
  return edge;
}

/** Creates or replaces a document, as the hub's replication would bring it. */
async function put(doc: { _id: string } & Record<string, unknown>) {
  const existing = await control.get(doc._id).catch(() => undefined);
  await control.put(existing ? { ...doc, _rev: existing._rev } : doc);
}

/** Waits for the edge to report the plugin in `state` (at `version`), on the database's changes. */
async function reported(
  state: PluginStatusDoc['state'],
  version?: string,
): Promise<PluginStatusDoc> {
  const id = pluginStatusDocId(PLUGIN);
  const feed = control.changes({ live: true, since: 0, doc_ids: [id], include_docs: true });
  try {
    return await new Promise<PluginStatusDoc>((resolve) =>
      feed.on('change', (change) => {
        const doc = change.doc as unknown as PluginStatusDoc | undefined;
        if (doc?.state === state && (!version || doc.plugin.version === version)) resolve(doc);
      }),
    );
  } finally {
    feed.cancel();
  }
}

async function publish(version: string, by = acme) {
  const { bytes, digest } = await signedPackage(by, version);
  await put(packageDoc(version, digest, by.keyId, bytes));
  return digest;
}

describe('EdgeApps', () => {
  test('runs a plugin once its install record and signed package have arrived, in either order', async () => {
    const { plugins } = startApps();
    await put(trustDoc(acme));
    const { bytes, digest } = await signedPackage(acme, '1.0.0');
    await put(installDoc('1.0.0', digest, 'active'));
    expect(await reported('waiting')).toMatchObject({ plugin: { id: PLUGIN, version: '1.0.0' } });
    await put(packageDoc('1.0.0', digest, acme.keyId, bytes));
    const status = await reported('active');
    expect(status).toMatchObject({ type: 'plugin-status', plugin: { digest }, faults: 0 });
    expect(plugins.host.status(PLUGIN)).toMatchObject({ state: 'active', version: '1.0.0' });
    // The grant is what the administrator consented to.
    expect(plugins.host.running(PLUGIN)?.grant.canReadPoint('lighting-01/lamp-1/dimming')).toBe(
      true,
    );
  });

  test('upgrades, stops and uninstalls as the record says', async () => {
    const { plugins } = startApps();
    await put(trustDoc(acme));
    const v1 = await publish('1.0.0');
    await put(installDoc('1.0.0', v1, 'active'));
    await reported('active');

    const v2 = await publish('2.0.0');
    await put(installDoc('2.0.0', v2, 'active'));
    const upgraded = await reported('active', '2.0.0');
    expect(upgraded.plugin).toMatchObject({ version: '2.0.0', digest: v2 });
    expect(plugins.host.status(PLUGIN)).toMatchObject({ state: 'active', version: '2.0.0' });

    await put(installDoc('2.0.0', v2, 'stopped'));
    await reported('stopped', '2.0.0');
    expect(plugins.host.status(PLUGIN).state).toBe('stopped');

    await put(installDoc('2.0.0', v2, 'uninstalled'));
    await reported('uninstalled');
    expect(plugins.host.list()).toEqual([]);
  });

  test('stops a revoked package and never starts it again', async () => {
    const { plugins, apps } = startApps();
    await put(trustDoc(acme));
    const digest = await publish('1.0.0');
    await put(installDoc('1.0.0', digest, 'active'));
    await reported('active');
    await put({
      _id: `revocation/${digest}`,
      type: 'revocation',
      digest,
      plugin: { id: PLUGIN, version: '1.0.0' },
      reason: 'leaks readings',
      at: '2026-11-27T09:00:00Z',
      by: 'admin',
    });
    const revoked = await reported('revoked');
    expect(revoked.lastError).toMatchObject({ code: 'package_revoked' });
    expect(revoked.lastError?.message).toContain('leaks readings');
    expect(plugins.host.list()).toEqual([]);

    await put(installDoc('1.0.0', digest, 'active', { updatedAt: '2026-11-27T10:00:00Z' }));
    await apps.idle();
    expect(plugins.host.list()).toEqual([]);
  });

  test('refuses a package from an untrusted key, saying why', async () => {
    const { plugins } = startApps();
    await put(trustDoc(acme));
    const stranger = await vendor();
    const digest = await publish('1.0.0', stranger);
    await put(installDoc('1.0.0', digest, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'untrusted_key' });
    expect(refused.lastError?.message).toContain(stranger.keyId);
    expect(plugins.host.list()).toEqual([]);
  });

  test('refuses a package that is not the one the install record names', async () => {
    const { plugins } = startApps();
    await put(trustDoc(acme));
    await publish('1.0.0');
    const other = await signedPackage(acme, '1.0.1');
    await put(installDoc('1.0.0', other.digest, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'digest_mismatch' });
    expect(plugins.host.list()).toEqual([]);
  });

  test('refuses a tampered package', async () => {
    startApps();
    await put(trustDoc(acme));
    const { bytes, digest } = await signedPackage(acme, '1.0.0');
    await put(packageDoc('1.0.0', digest, acme.keyId, tamper(bytes)));
    await put(installDoc('1.0.0', digest, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'digest_mismatch' });
    expect(refused.lastError?.message).toContain('dist/plugin.js');
  });

  test('runs again what was installed when the edge restarts', async () => {
    const first = startApps();
    await put(trustDoc(acme));
    const digest = await publish('1.0.0');
    await put(installDoc('1.0.0', digest, 'active'));
    await reported('active');
    await stopEdge(first);
    edges = edges.filter((edge) => edge !== first);

    // The records are in the local replica: no hub needed to run the plugin again.
    const active = new Promise<PluginStatus>((resolve) =>
      startApps((status) => {
        if (status.state === 'active') resolve(status);
      }),
    );
    expect(await active).toMatchObject({ id: PLUGIN, version: '1.0.0', state: 'active' });
  });
});
