import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import {
  edgeDb,
  gatewayDb,
  gatewayDbWithFetch,
  type LiveReplication,
  replicate,
} from './edge-pouch.fixture.ts';
import { type GatewayHarness, startGateway } from './gateway.fixture.ts';

const SITE = 'lighting-01';
const TOKEN = 'edge-token-lighting-01';

function batch(i: number) {
  const ts = new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString();
  return {
    _id: `tb/${ts}/cabinet-${i % 7}/t-${i}`,
    type: 'telemetry-batch',
    site: SITE,
    device: `cabinet-${i % 7}`,
    readings: [{ point: 'power', value: i / 10, quality: 'good', ts }],
    from: ts,
    to: ts,
    count: 1,
  };
}

let hub: GatewayHarness;
const open: Array<{ close(): Promise<void> }> = [];
const live: LiveReplication[] = [];

beforeEach(async () => {
  hub = await startGateway();
  hub.auth.edge(SITE, TOKEN);
});
afterEach(async () => {
  // Ordinary replication is never refused: nothing it needs is missing from the gateway.
  expect(hub.audit.entries.filter((e) => e.outcome !== 'ok')).toEqual([]);
  for (const r of live.splice(0)) {
    r.cancel();
    // Settled once the replicator has stopped, so no request of it outlives the gateway.
    await (r as unknown as Promise<unknown>).catch(() => undefined);
  }
  for (const db of open.splice(0)) await db.close();
  await hub.close();
});

function local(name: string) {
  const db = edgeDb(hub.dir, name);
  open.push(db);
  return db;
}
function remote(db: 'control' | 'telemetry', token = TOKEN, site = SITE) {
  const handle = gatewayDb(`${hub.sync}/${site}/${db}`, token);
  open.push(handle);
  return handle;
}

describe('an edge replicating through the sync gateway', () => {
  test('pushes telemetry batches into its site telemetry database and is seen', async () => {
    const edge = local('telemetry');
    await edge.bulkDocs(Array.from({ length: 120 }, (_, i) => batch(i)));
    const result = await replicate(edge, remote('telemetry'), { batch_size: 50 });
    expect(result).toMatchObject({ ok: true, docs_written: 120, doc_write_failures: 0 });
    const stored = await hub.couch.db(siteDbName(SITE, 'telemetry')).info();
    expect(stored.doc_count).toBe(120);
    expect(hub.seen.map((s) => s.site)).toContain(SITE);
    const writes = hub.audit.entries.filter((e) => e.action === 'sync.write');
    expect(writes.every((e) => e.outcome === 'ok' && e.actor === `edge:${SITE}`)).toBe(true);
    expect(writes.reduce((n, e) => n + Number(e.detail?.['forwarded']), 0)).toBe(120);
    // A second run finds nothing to do: the checkpoint went through the gateway too.
    const again = await replicate(edge, remote('telemetry'), { batch_size: 50 });
    expect(again.docs_written).toBe(0);
  });

  test('pulls the hub control documents and pushes its own back', async () => {
    const control = hub.couch.db(siteDbName(SITE, 'control'));
    await control.insert({
      _id: 'app-install/city.lighting',
      type: 'app-install',
      plugin: 'city.lighting',
    } as never);
    await control.insert({
      _id: 'command/c1',
      type: 'command',
      point: 'dimming',
      value: 30,
    } as never);
    const edge = local('control');
    const pulled = await replicate(remote('control'), edge);
    expect(pulled).toMatchObject({ ok: true, docs_written: 2 });
    expect(await edge.get('app-install/city.lighting')).toMatchObject({ type: 'app-install' });

    await edge.put({ _id: 'outcome/c1', type: 'command-outcome', status: 'done' });
    await edge.put({ _id: 'plugin-status/city.lighting', type: 'plugin-status', state: 'running' });
    const pushed = await replicate(edge, remote('control'));
    expect(pushed).toMatchObject({ ok: true, docs_written: 2, doc_write_failures: 0 });
    expect(await control.get('outcome/c1')).toMatchObject({ status: 'done' });
  });

  test('keeps replicating live and picks up a document the hub writes later', async () => {
    const edge = local('control-live');
    const replication = replicate(remote('control'), edge, { live: true, retry: true });
    live.push(replication);
    const feed = edge.changes({ live: true, since: 'now', doc_ids: ['command/later'] });
    const arrived = new Promise<void>((resolve) => feed.on('change', () => resolve()));
    await new Promise<void>((resolve) => replication.on('paused', () => resolve()));
    await hub.couch
      .db(siteDbName(SITE, 'control'))
      .insert({ _id: 'command/later', type: 'command', value: 1 } as never);
    await arrived;
    feed.cancel();
    expect(await edge.get('command/later')).toMatchObject({ value: 1 });
  });

  test('pulls a package document with its .hpkg attachment intact', async () => {
    const bytes = randomBytes(200_000);
    await hub.couch.db(siteDbName(SITE, 'control')).insert({
      _id: 'package/city.lighting@1.0.0',
      type: 'package',
      plugin: { id: 'city.lighting', version: '1.0.0', digest: 'sha256-x' },
      _attachments: {
        'package.hpkg': {
          content_type: 'application/octet-stream',
          data: bytes.toString('base64'),
        },
      },
    } as never);
    const edge = local('control-pkg');
    const result = await replicate(remote('control'), edge);
    expect(result.ok).toBe(true);
    const got = (await edge.getAttachment('package/city.lighting@1.0.0', 'package.hpkg')) as Buffer;
    expect(got.equals(new Uint8Array(bytes))).toBe(true);
  });

  test('works as well with the token set by a fetch wrapper', async () => {
    const edge = local('telemetry-fetch');
    await edge.bulkDocs([batch(1), batch(2)]);
    const target = gatewayDbWithFetch(`${hub.sync}/${SITE}/telemetry`, TOKEN);
    open.push(target);
    expect(await replicate(edge, target)).toMatchObject({ ok: true, docs_written: 2 });
  });
});
