import type { Site } from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../auth/types.ts';
import { siteDbName } from '../couch/index.ts';
import { startTestHub, type TestHub } from '../hub.fixture.ts';
import { type TelemetryBatchWithId, telemetryPage } from './telemetry-pages.ts';

const SITE = 'lighting-07';
const T0 = Date.parse('2026-11-28T08:00:00Z');

let hub: TestHub;
let site: Site;

/** A batch as the edge writes it: its id starts with the flush time. */
function batch(ms: number, device: string, n = 0) {
  const stamp = ms.toString().padStart(15, '0');
  const ts = new Date(ms).toISOString();
  return {
    _id: `tb/${stamp}/${device}/a1b2c3d4-${n.toString(36)}`,
    type: 'telemetry-batch',
    site: SITE,
    device,
    readings: [{ point: 'dimming', value: n, quality: 'good', ts }],
    from: ts,
    to: ts,
    count: 1,
  };
}

async function store(docs: object[]): Promise<void> {
  await hub.hub.parts.couch.db(siteDbName(SITE, 'telemetry')).bulk({ docs });
}

type Page = { batches: TelemetryBatchWithId[]; next: string | null };

async function page(query: string): Promise<Page> {
  const reply = await hub.call(`/api/sites/${SITE}/telemetry?${query}`);
  expect(reply.status).toBe(200);
  return (await reply.json()) as Page;
}

/** Follows `next` from the first page (or from `start`) to the last; every batch id in order. */
async function follow(query: string, start: string | null = null): Promise<string[]> {
  const ids: string[] = [];
  let next = start;
  do {
    const cursor: string = next ? `&cursor=${encodeURIComponent(next)}` : '';
    const got: Page = await page(`${query}${cursor}`);
    ids.push(...got.batches.map((b) => b.id));
    next = got.next;
  } while (next);
  return ids;
}

beforeAll(async () => {
  hub = await startTestHub();
  const reply = await hub.call('/api/sites', { json: { id: SITE, name: 'Paging test' } });
  expect(reply.status).toBe(201);
  site = ((await reply.json()) as { site: Site }).site;
  // 30 flushes a second apart, of three lamps in turn.
  await store(Array.from({ length: 30 }, (_, i) => batch(T0 + i * 1000, `lamp-${i % 3}`, i)));
});

afterAll(async () => {
  await hub?.close();
});

describe('GET /api/sites/:site/telemetry', () => {
  test('pages newest first with each batch id and a next cursor, each batch once', async () => {
    const first = await page('limit=7');
    expect(first.batches).toHaveLength(7);
    expect(first.batches[0]).toMatchObject({ id: batch(T0 + 29_000, 'lamp-2', 29)._id, count: 1 });
    expect(first.batches[0]).not.toHaveProperty('_id');
    expect(first.next).toBe(first.batches[6]?.id);
    const all = await follow('limit=7');
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
    expect(all).toEqual([...all].sort().reverse());
  });

  test('keeps its place while new batches arrive between pages', async () => {
    const first = await page('limit=10');
    await store([batch(T0 + 60_000, 'lamp-0', 60)]);
    const rest = await follow('limit=10', first.next);
    const seen = [...first.batches.map((b) => b.id), ...rest];
    expect(seen).toHaveLength(30);
    expect(seen).not.toContain(batch(T0 + 60_000, 'lamp-0', 60)._id);
    // The newest page shows it.
    expect((await page('limit=1')).batches[0]?.id).toBe(batch(T0 + 60_000, 'lamp-0', 60)._id);
  });

  test('reads oldest first within a time window, since inclusive and until exclusive', async () => {
    const since = new Date(T0 + 5000).toISOString();
    const until = new Date(T0 + 9000).toISOString();
    const got = await page(`order=asc&since=${since}&until=${until}&limit=100`);
    expect(got.batches.map((b) => b.from)).toEqual(
      [5, 6, 7, 8].map((s) => new Date(T0 + s * 1000).toISOString()),
    );
    expect(got.next).toBeNull();
    // Paged two at a time, the same four.
    const paged = await follow(`order=asc&since=${since}&until=${until}&limit=2`);
    expect(paged).toEqual(got.batches.map((b) => b.id));
  });

  test("pages through one device's batches only", async () => {
    const ids = await follow('device=lamp-1&limit=4');
    expect(ids).toHaveLength(10);
    for (const id of ids) expect(id.split('/')[2]).toBe('lamp-1');
    const one = await page('device=lamp-1&limit=1');
    expect(one.batches[0]).toMatchObject({ device: 'lamp-1', count: 1 });
  });

  test('a device filter that reaches its scan budget says where to go on', async () => {
    const admin = { clearance: 'secret' } as Principal;
    const request = { limit: 5, order: 'desc' as const, device: 'lamp-0' };
    // Six ids per request: a short page, and a cursor after the last id scanned.
    const short = await telemetryPage(hub.hub.parts.couch, site, admin, request, 6);
    expect(short.batches.length).toBeLessThan(5);
    expect(short.next).not.toBeNull();
    const ids = short.batches.map((b) => b.id);
    let next = short.next;
    while (next) {
      const more = await telemetryPage(
        hub.hub.parts.couch,
        site,
        admin,
        { ...request, cursor: next },
        6,
      );
      ids.push(...more.batches.map((b) => b.id));
      next = more.next;
    }
    // 10 of the first 30, and the one that arrived later.
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
  });

  test.each([
    ['limit=0', /query limit: must be a whole number 1\.\.1000, got "0"/],
    ['limit=1001', /query limit: must be a whole number 1\.\.1000/],
    ['limit=ten', /query limit/],
    ['order=newest', /query order: must be asc or desc/],
    ['cursor=batch%2F1', /query cursor: must be the 'next' of a previous page/],
    ['since=yesterday', /query since: must be an ISO time/],
    ['until=2026-13-45T99:00:00Z', /query until: must be an ISO time/],
    ['device=lamp%2F1', /query device: must be a device id/],
  ])('refuses %s with a 400 naming the parameter', async (query, message) => {
    const reply = await hub.call(`/api/sites/${SITE}/telemetry?${query}`);
    expect(reply.status).toBe(400);
    const { error } = (await reply.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
  });

  test('shows a reader without clearance for the site’s class neither the site nor its batches', async () => {
    const created = await hub.call('/api/users', {
      json: {
        id: 'vera',
        name: 'Vera Viewer',
        organisation: 'management-centre',
        roles: ['viewer'],
        clearance: 'public',
        password: 'a long enough password 42',
      },
    });
    expect(created.status).toBe(201);
    const login = await hub.call('/api/auth/login', {
      json: { user: 'vera', password: 'a long enough password 42' },
      token: null,
    });
    const { token } = (await login.json()) as { token: string };
    // The registry hides an internal site from a public-only reader.
    expect((await hub.call(`/api/sites/${SITE}/telemetry`, { token })).status).toBe(404);
    // And the page itself admits nothing above the reader's clearance, should a site be shown.
    const reader = { clearance: 'public' } as Principal;
    const request = { limit: 10, order: 'desc' as const };
    expect(await telemetryPage(hub.hub.parts.couch, site, reader, request)).toEqual({
      batches: [],
      next: null,
    });
  });
});
