import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { edgeDb, gatewayDb, replicate } from './edge-pouch.fixture.ts';
import { type GatewayHarness, startGateway } from './gateway.fixture.ts';

const SITE = 'lighting-01';
const TOKEN = 'edge-token-lighting-01';

let hub: GatewayHarness;
const open: Array<{ close(): Promise<void> }> = [];
beforeEach(async () => {
  hub = await startGateway({ limits: { longpollMs: 300 } });
  hub.auth.edge(SITE, TOKEN, 'internal');
  await hub.couch.db(siteDbName(SITE, 'control')).bulk({
    docs: [
      { _id: 'command/public', type: 'command', dataClass: 'public' },
      { _id: 'command/plain', type: 'command' },
      { _id: 'command/restricted', type: 'command', dataClass: 'restricted' },
      {
        _id: 'package/secret@1',
        type: 'package',
        dataClass: 'secret',
        _attachments: {
          'package.hpkg': { content_type: 'application/octet-stream', data: 'AAAA' },
        },
      },
    ],
  });
});
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  await hub.close();
});

function get(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${hub.sync}/${SITE}/control${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
}

describe('documents above the edge clearance', () => {
  test('do not replicate down; the others do', async () => {
    const edge = edgeDb(hub.dir, 'control');
    const remote = gatewayDb(`${hub.sync}/${SITE}/control`, TOKEN);
    open.push(edge, remote);
    const result = await replicate(remote, edge);
    expect(result).toMatchObject({ ok: true, docs_written: 2 });
    const ids = (await edge.allDocs()).rows.map((r) => r.id).sort();
    expect(ids).toEqual(['command/plain', 'command/public']);
  });

  test('are left out of a page of changes, which is refilled so PouchDB does not stop early', async () => {
    const control = hub.couch.db(siteDbName(SITE, 'control'));
    await control.bulk({
      docs: Array.from({ length: 24 }, (_, i) => ({
        _id: `event/${String(i).padStart(2, '0')}`,
        type: 'event',
        ...(i % 4 === 0 ? {} : { dataClass: 'secret' }),
      })),
    });
    const edge = edgeDb(hub.dir, 'control-paged');
    const remote = gatewayDb(`${hub.sync}/${SITE}/control`, TOKEN);
    open.push(edge, remote);
    await replicate(remote, edge, { batch_size: 3 });
    const events = (await edge.allDocs({ startkey: 'event/', endkey: 'event/\uffff' })).rows;
    expect(events.map((r) => r.id)).toEqual([
      'event/00',
      'event/04',
      'event/08',
      'event/12',
      'event/16',
      'event/20',
    ]);
  });

  test('are left out of changes with include_docs', async () => {
    const reply = await get('/_changes?include_docs=true');
    const body = (await reply.json()) as { results: Array<{ id: string; doc: { _id: string } }> };
    expect(body.results.map((r) => r.doc._id).sort()).toEqual(['command/plain', 'command/public']);
  });

  test('are refused on a direct read, by revision list, in _bulk_get and as attachments', async () => {
    const direct = await get('/package%2Fsecret%401');
    expect(direct.status).toBe(403);
    expect(await direct.json()).toMatchObject({ error: 'forbidden' });
    const att = await get('/package%2Fsecret%401/package.hpkg');
    expect(att.status).toBe(403);
    expect(hub.storeRequests('package.hpkg')).toEqual([]);

    const { _rev: rev } = await hub.couch.db(siteDbName(SITE, 'control')).get('package/secret@1');
    const revs = await get(
      `/package%2Fsecret%401?open_revs=${encodeURIComponent(JSON.stringify([rev]))}`,
    );
    expect(await revs.json()).toEqual([{ missing: rev }]);

    const bulk = await get('/_bulk_get?revs=true', {
      method: 'POST',
      body: JSON.stringify({ docs: [{ id: 'package/secret@1', rev }, { id: 'command/plain' }] }),
    });
    const { results } = (await bulk.json()) as { results: Array<{ id: string; docs: unknown[] }> };
    expect(results[0]?.docs).toEqual([
      { error: expect.objectContaining({ id: 'package/secret@1', error: 'forbidden' }) },
    ]);
    expect(results[1]?.docs).toEqual([{ ok: expect.objectContaining({ _id: 'command/plain' }) }]);
    const refusals = hub.audit.entries.filter((e) => e.outcome === 'refused');
    expect(refusals).toHaveLength(3);
  });

  test('are readable by an edge cleared for them', async () => {
    hub.auth.edge(SITE, 'secret-token', 'secret');
    const reply = await fetch(`${hub.sync}/${SITE}/control/package%2Fsecret%401`, {
      headers: { authorization: 'Bearer secret-token' },
    });
    expect(reply.status).toBe(200);
  });
});

describe('a longpoll for changes', () => {
  test('answers "no changes" when its window ends, and ends the store request', async () => {
    const info = (await (await get('')).json()) as { update_seq: number };
    const reply = await get(`/_changes?feed=longpoll&since=${info.update_seq}&heartbeat=10000`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ results: [], last_seq: info.update_seq });
  });
});
