import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { edgeDb, gatewayDb, replicate } from './edge-pouch.fixture.ts';
import { type GatewayHarness, startGateway } from './gateway.fixture.ts';

const SITE = 'lighting-01';
const TOKEN = 'edge-token-lighting-01';

let hub: GatewayHarness;
const open: Array<{ close(): Promise<void> }> = [];
beforeEach(async () => {
  hub = await startGateway();
  hub.auth.edge(SITE, TOKEN, 'internal');
});
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  await hub.close();
});

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${hub.sync}/${SITE}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function storedIds(db: 'control' | 'telemetry'): Promise<string[]> {
  const list = await hub.couch.db(siteDbName(SITE, db)).list();
  return list.rows.map((r) => r.id).sort();
}

describe('writes from an edge', () => {
  test('are checked per document: what the edge may not write gets forbidden, the rest is stored', async () => {
    const docs = [
      { _id: 'event/1/a', _rev: '1-a', type: 'event', topic: 'lighting/fault' },
      { _id: 'app-install/evil', _rev: '1-b', type: 'app-install' },
      { _id: 'trust/k', _rev: '1-c', type: 'trusted-key' },
      { _id: 'command/old', _rev: '2-d', _deleted: true },
      { _id: 'event/2/b', _rev: '1-e', type: 'event', dataClass: 'secret' },
      { _id: 'event/3/c', _rev: '1-f', type: 'event', dataClass: 'top' },
      { _id: 'event/4/d', _rev: '1-g', type: 'event', site: 'pumping-02' },
      { _id: '_design/app', _rev: '1-h', type: 'event' },
      { _id: 'untyped', _rev: '1-i' },
      { _id: 'site-status/current', _rev: '1-j', type: 'site-status', dataClass: 'public' },
    ];
    const reply = await post('/control/_bulk_docs', { docs, new_edits: false });
    expect(reply.status).toBe(201);
    const results = (await reply.json()) as Array<{ id: string; error?: string; reason?: string }>;
    const forbidden = results.filter((r) => r.error === 'forbidden');
    expect(forbidden.map((r) => r.id).sort()).toEqual(
      [
        'app-install/evil',
        'trust/k',
        'command/old',
        'event/2/b',
        'event/3/c',
        'event/4/d',
        '_design/app',
        'untyped',
      ].sort(),
    );
    const reasons = Object.fromEntries(forbidden.map((r) => [r.id, r.reason]));
    expect(reasons['app-install/evil']).toMatch(/is the hub's \(app-install\/…\)/);
    expect(reasons['command/old']).toMatch(/may not delete/);
    expect(reasons['event/2/b']).toMatch(/above the edge's clearance \(internal\)/);
    expect(reasons['event/3/c']).toMatch(/not one of public, internal/);
    expect(reasons['event/4/d']).toMatch(/not the edge's own site/);
    expect(await storedIds('control')).toEqual(['event/1/a', 'site-status/current']);

    const refusal = hub.audit.entries.find((e) => e.outcome === 'refused');
    expect(refusal).toMatchObject({
      actor: 'edge:lighting-01',
      action: 'sync.write',
      target: 'site/lighting-01/control',
    });
    expect(refusal?.detail?.['refusedCount']).toBe(8);
    expect(refusal?.detail?.['refused']).toContainEqual(
      expect.objectContaining({ id: 'app-install/evil', type: 'app-install' }),
    );
    expect(hub.audit.entries.filter((e) => e.action === 'sync.write')).toHaveLength(2);
  });

  test('of types the telemetry database does not take are refused there', async () => {
    const reply = await post('/telemetry/_bulk_docs', {
      docs: [{ _id: 'command/x', _rev: '1-a', type: 'command' }],
      new_edits: false,
    });
    expect(await reply.json()).toEqual([
      expect.objectContaining({
        id: 'command/x',
        error: 'forbidden',
        reason: expect.stringMatching(/telemetry-batch/),
      }),
    ]);
  });

  test('that are all refused never reach the store', async () => {
    const reply = await post('/control/_bulk_docs', {
      docs: [{ _id: 'package/x@1', _rev: '1-a', type: 'package' }],
      new_edits: false,
    });
    expect(reply.status).toBe(201);
    expect(hub.storeRequests('_bulk_docs')).toEqual([]);
    expect(await storedIds('control')).toEqual([]);
  });

  test('keep the order of a reply to new edits, refusals in their places', async () => {
    const reply = await post('/control/_bulk_docs', {
      docs: [
        { _id: 'event/1', type: 'event' },
        { _id: 'revocation/x', type: 'revocation' },
        { _id: 'event/2', type: 'event' },
      ],
    });
    const results = (await reply.json()) as Array<{ id: string; ok?: boolean; error?: string }>;
    expect(results.map((r) => [r.id, r.ok ?? r.error])).toEqual([
      ['event/1', true],
      ['revocation/x', 'forbidden'],
      ['event/2', true],
    ]);
  });

  test('refused in a replication count as write failures, and replication goes on', async () => {
    const edge = edgeDb(hub.dir, 'control');
    open.push(edge);
    await edge.bulkDocs([
      { _id: 'event/1', type: 'event' },
      { _id: 'app-install/sneaky', type: 'app-install' },
      { _id: 'plugin-status/p', type: 'plugin-status' },
    ]);
    const target = gatewayDb(`${hub.sync}/${SITE}/control`, TOKEN);
    open.push(target);
    const denied: unknown[] = [];
    const replication = replicate(edge, target);
    replication.on('denied', (e) => denied.push(e));
    const result = await replication;
    expect(result).toMatchObject({ docs_written: 2, doc_write_failures: 1 });
    expect(denied).toEqual([
      expect.objectContaining({ id: 'app-install/sneaky', name: 'forbidden' }),
    ]);
    expect(await storedIds('control')).toEqual(['event/1', 'plugin-status/p']);
  });
});

describe('documents the store itself refuses inside a _bulk_docs', () => {
  test('are audited as refused by the store, not as a write that went through', async () => {
    const first = await post('/control/_bulk_docs', {
      docs: [{ _id: 'event/9/z', type: 'event', topic: 'lighting/fault' }],
    });
    expect(first.status).toBe(201);
    // A stale revision: the store answers 201 with a conflict for this one document.
    const stale = await post('/control/_bulk_docs', {
      docs: [
        { _id: 'event/9/z', _rev: '1-00000000000000000000000000000000', type: 'event' },
        { _id: 'event/9/y', type: 'event', topic: 'lighting/fault' },
      ],
    });
    expect(stale.status).toBe(201);
    const results = (await stale.json()) as Array<{ id: string; error?: string }>;
    expect(results.find((r) => r.id === 'event/9/z')?.error).toBe('conflict');
    const entry = hub.audit.entries.at(-1);
    expect(entry).toMatchObject({
      action: 'sync.write',
      outcome: 'refused',
      detail: {
        forwarded: 2,
        storeRefusedCount: 1,
        storeRefused: [expect.objectContaining({ id: 'event/9/z', error: 'conflict' })],
      },
    });
  });
});

describe('a body nested past the bound', () => {
  test.each(['_bulk_docs', '_revs_diff', '_bulk_get'])(
    'is refused at %s with 400 naming the limit, and nothing reaches the store',
    async (endpoint) => {
      const before = hub.spy.seen.length;
      const deep = `${'['.repeat(7000)}${']'.repeat(7000)}`;
      const reply = await fetch(`${hub.sync}/${SITE}/control/${endpoint}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: `{"docs":[{"_id":"event/1","type":"event","payload":${deep}}]}`,
      });
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({
        error: 'bad_request',
        reason: expect.stringMatching(/deeper than 64 levels/),
      });
      expect(hub.spy.seen.slice(before)).toEqual([]);
    },
  );
});
