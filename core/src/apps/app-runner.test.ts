import { type PluginStatusDoc, pluginStatusDocId } from '@heng/schemas';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EventBus } from '../bus/index.ts';
import { ManualClock } from '../clock/index.ts';
import { PluginHost } from '../lifecycle/index.ts';
import { replaceEntry } from '../package/tamper.fixture.ts';
import { createMemoryStore } from '../store/index.ts';
import {
  CONSENTED,
  installDoc,
  PLUGIN,
  publish,
  REQUESTED,
  revocationDoc,
  SITE,
  type SignedPackage,
  signedPackage,
  trustDoc,
  type Vendor,
  vendor,
} from './app-records.fixture.ts';
import { AppRunner } from './app-runner.ts';
import { MemoryRecords } from './memory-records.fixture.ts';

interface Place {
  runner: AppRunner;
  host: PluginHost;
  bus: EventBus;
}

let records: MemoryRecords;
let acme: Vendor;
let places: Place[] = [];
let reportErrors: Error[] = [];

beforeEach(async () => {
  records = new MemoryRecords();
  acme = await vendor();
  reportErrors = [];
});

afterEach(async () => {
  for (const place of places.splice(0)) await stop(place);
  expect(reportErrors).toEqual([]);
});

async function stop({ runner, host, bus }: Place): Promise<void> {
  await runner.dispose();
  await host.dispose();
  bus.dispose();
}

/** A place that runs apps from `records`, wired as the edge's and the hub's starts wire it. */
function startRunner(): Place {
  const bus = new EventBus();
  const host = new PluginHost({
    engineVersion: '0.1.0',
    role: 'edge',
    time: new ManualClock(0),
    audit: { record: () => {} },
    storageFor: (id) => createMemoryStore(id),
    ports: { events: bus, log: () => {} },
  });
  const runner = new AppRunner({
    site: SITE,
    records,
    host,
    onReportError: (error) => reportErrors.push(error),
  });
  runner.start();
  const place = { runner, host, bus };
  places.push(place);
  return place;
}

/** The plugin's status report, once it says `state` (of `version`, when given). */
function reported(state: PluginStatusDoc['state'], version?: string): Promise<PluginStatusDoc> {
  return records.until<PluginStatusDoc>(
    pluginStatusDocId(PLUGIN),
    (doc) => doc.state === state && (version === undefined || doc.plugin.version === version),
  );
}

/** Waits until the runner has seen every change written so far and acted on it. */
async function applied(runner: AppRunner): Promise<void> {
  await records.delivered();
  await runner.idle();
}

/** What the running plugin answers on `GET /version`: its version and configured level. */
async function ask(host: PluginHost, query: Record<string, string> = {}): Promise<unknown> {
  const running = host.running(PLUGIN);
  if (!running) return undefined;
  const response = await running.handle({
    method: 'GET',
    path: '/version',
    route: '/version',
    params: {},
    query,
    headers: {},
    body: '',
  });
  return response.body;
}

/** Trusts acme, publishes its package at `version` and installs it `active`. */
async function installed(version = '1.0.0'): Promise<SignedPackage> {
  await records.write(trustDoc(acme));
  const pkg = await signedPackage(acme, version);
  await publish(records, pkg);
  await records.write(installDoc(pkg, 'active'));
  return pkg;
}

describe('AppRunner: installing', () => {
  test('runs a signed package its install record names and reports it active', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    const status = await reported('active');
    expect(status).toMatchObject({
      _id: pluginStatusDocId(PLUGIN),
      type: 'plugin-status',
      site: SITE,
      plugin: { id: PLUGIN, version: '1.0.0', digest: pkg.digest },
      state: 'active',
      faults: 0,
    });
    expect(status).not.toHaveProperty('lastError');
    expect(host.status(PLUGIN)).toMatchObject({ version: '1.0.0', state: 'active' });
    expect(await ask(host)).toBe('1.0.0 at 40');
  });

  test('reports a record whose package has not arrived as waiting, then runs it once it has', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const pkg = await signedPackage(acme, '1.0.0');
    await records.write(installDoc(pkg, 'active'));
    expect(await reported('waiting')).toMatchObject({ plugin: { version: '1.0.0' } });
    expect(host.list()).toEqual([]);
    await publish(records, pkg);
    await reported('active');
    expect(await ask(host)).toBe('1.0.0 at 40');
  });

  test('gives the plugin the consented grant, not what its manifest asks for', async () => {
    const { host } = startRunner();
    await installed();
    await reported('active');
    expect(REQUESTED).toContainEqual({ capability: 'telemetry:read', points: ['+/+/+'] });
    const { grant } = host.running(PLUGIN) ?? {};
    expect(grant?.canReadPoint(`${SITE}/lamp-1/dimming`)).toBe(true);
    expect(grant?.canReadPoint(`${SITE}/lamp-1/energy`)).toBe(false);
    expect(grant?.canReadPoint('other-site/lamp-1/dimming')).toBe(false);
    expect(CONSENTED).not.toEqual(REQUESTED);
  });

  test('runs again what the records say when the place restarts', async () => {
    const first = startRunner();
    await installed();
    await reported('active');
    await stop(first);
    places = places.filter((place) => place !== first);

    const { host, runner } = startRunner();
    await applied(runner);
    expect(host.status(PLUGIN)).toMatchObject({ version: '1.0.0', state: 'active' });
    expect(await ask(host)).toBe('1.0.0 at 40');
  });
});

describe('AppRunner: refusing', () => {
  test('refuses a package whose archive was changed after signing, naming the file', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const pkg = await signedPackage(acme, '1.0.0');
    const evil = new TextEncoder().encode('export default { activate() { while (true) {} } };\n');
    await publish(records, pkg, replaceEntry(pkg.bytes, 'dist/plugin.js', evil));
    await records.write(installDoc(pkg, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'digest_mismatch' });
    expect(refused.lastError?.message).toContain('dist/plugin.js');
    expect(host.list()).toEqual([]);
  });

  test('refuses a signed, trusted archive that is not the package the record names', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const named = await signedPackage(acme, '1.0.0');
    const other = await signedPackage(acme, '1.0.0', 'another build');
    expect(other.digest).not.toBe(named.digest);
    await publish(records, named, other.bytes);
    await records.write(installDoc(named, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'digest_mismatch' });
    expect(refused.lastError?.message).toContain(named.digest);
    expect(host.list()).toEqual([]);
  });

  test('refuses a package record whose digest is not the one the install record names', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const published = await signedPackage(acme, '1.0.0');
    const named = await signedPackage(acme, '1.0.0', 'another build');
    await publish(records, published);
    await records.write(installDoc(named, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'digest_mismatch' });
    expect(refused.lastError?.message).toContain(named.digest);
    expect(host.list()).toEqual([]);
  });

  test('refuses a package signed by a key that is not trusted, naming the key', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const stranger = await vendor();
    const pkg = await signedPackage(stranger, '1.0.0');
    await publish(records, pkg);
    await records.write(installDoc(pkg, 'active'));
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'untrusted_key' });
    expect(refused.lastError?.message).toContain(stranger.keyId);
    expect(host.list()).toEqual([]);
  });

  test('refuses an install record that fails its schema, naming the path, and runs nothing', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const pkg = await signedPackage(acme, '1.0.0');
    await publish(records, pkg);
    const { consent: _, ...record } = installDoc(pkg, 'active');
    await records.write(record);
    const refused = await reported('refused');
    expect(refused.lastError).toMatchObject({ code: 'invalid_input' });
    expect(refused.lastError?.message).toContain('consent');
    expect(host.list()).toEqual([]);
  });

  test('keeps running what an earlier valid record asked for when a malformed one replaces it', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.write({ ...installDoc(pkg, 'active'), config: 'level 70' });
    const refused = await reported('refused');
    expect(refused.plugin).toEqual({ id: PLUGIN, version: '1.0.0', digest: pkg.digest });
    expect(host.status(PLUGIN).state).toBe('active');
    expect(await ask(host)).toBe('1.0.0 at 40');
  });

  test('refuses an install record for another site', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const pkg = await signedPackage(acme, '1.0.0');
    await publish(records, pkg);
    await records.write(installDoc(pkg, 'active', { site: 'lighting-02' }));
    const refused = await reported('refused');
    expect(refused.lastError?.message).toContain('lighting-02');
    expect(host.list()).toEqual([]);
  });

  test('refuses a revoked package and does not run it', async () => {
    const { host } = startRunner();
    await records.write(trustDoc(acme));
    const pkg = await signedPackage(acme, '1.0.0');
    await publish(records, pkg);
    await records.write(revocationDoc(pkg, 'leaks readings'));
    await records.write(installDoc(pkg, 'active'));
    const revoked = await reported('revoked');
    expect(revoked.lastError).toMatchObject({ code: 'package_revoked' });
    expect(revoked.lastError?.message).toContain('leaks readings');
    expect(host.list()).toEqual([]);
  });
});

describe('AppRunner: changing what runs', () => {
  test('stops a running plugin whose package is revoked, and never starts it again', async () => {
    const { host, runner } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.write(revocationDoc(pkg, 'leaks readings'));
    expect((await reported('revoked')).plugin).toMatchObject({ digest: pkg.digest });
    expect(host.list()).toEqual([]);

    await records.write(installDoc(pkg, 'active', { updatedAt: '2026-11-27T10:00:00Z' }));
    await applied(runner);
    expect(host.list()).toEqual([]);
    expect((await reported('revoked')).state).toBe('revoked');
  });

  test('stops a running plugin even when its revocation fails its schema', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.write({
      ...revocationDoc(pkg, 'leaks readings'),
      by: undefined,
      at: 'yesterday',
    });
    const revoked = await reported('revoked');
    expect(revoked.lastError?.message).toContain('is revoked');
    expect(host.list()).toEqual([]);
  });

  test('stops and forgets a plugin whose record says uninstalled', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.write(installDoc(pkg, 'uninstalled'));
    expect((await reported('uninstalled')).plugin).toMatchObject({ version: '1.0.0' });
    expect(host.list()).toEqual([]);
  });

  test('stops and forgets a plugin whose install record is deleted, and says so', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.remove(`app-install/${PLUGIN}`);
    const uninstalled = await reported('uninstalled');
    expect(uninstalled.plugin).toEqual({ id: PLUGIN, version: '1.0.0', digest: pkg.digest });
    expect(host.list()).toEqual([]);
  });

  test('replaces the running version with the one a changed record names', async () => {
    const { host } = startRunner();
    await installed('1.0.0');
    await reported('active', '1.0.0');
    expect(await ask(host)).toBe('1.0.0 at 40');

    const v2 = await signedPackage(acme, '2.0.0');
    await publish(records, v2);
    await records.write(installDoc(v2, 'active'));
    const upgraded = await reported('active', '2.0.0');
    expect(upgraded.plugin).toEqual({ id: PLUGIN, version: '2.0.0', digest: v2.digest });
    expect(host.list()).toMatchObject([{ id: PLUGIN, version: '2.0.0', state: 'active' }]);
    expect(await ask(host)).toBe('2.0.0 at 40');
  });

  test('restarts the plugin with new settings when the record changes them', async () => {
    const { host, runner } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.write(installDoc(pkg, 'active', { config: { level: 70 } }));
    await applied(runner);
    expect(await ask(host)).toBe('1.0.0 at 70');
  });

  test('stops a plugin the record stops, and starts it again when it says active', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    await reported('active');
    await records.write(installDoc(pkg, 'stopped'));
    await reported('stopped');
    expect(host.running(PLUGIN)).toBeUndefined();
    await records.write(installDoc(pkg, 'active'));
    await reported('active');
    expect(await ask(host)).toBe('1.0.0 at 40');
  });

  test('reports a fault of the running plugin as the host sees it', async () => {
    const { host } = startRunner();
    const pkg = await installed();
    await reported('active');
    await ask(host, { crash: '1' }).catch(() => undefined);
    const quarantined = await reported('quarantined');
    expect(quarantined).toMatchObject({
      plugin: { id: PLUGIN, version: '1.0.0', digest: pkg.digest },
      faults: 1,
      lastError: { message: expect.stringContaining('crashed on request') },
    });
  });
});
