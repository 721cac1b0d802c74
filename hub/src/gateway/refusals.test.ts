import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type GatewayHarness, startGateway } from './gateway.fixture.ts';

const SITE = 'lighting-01';
const TOKEN = 'edge-token-lighting-01';
const OTHER_TOKEN = 'edge-token-pumping-02';

let hub: GatewayHarness;
beforeEach(async () => {
  hub = await startGateway();
  hub.auth.edge(SITE, TOKEN).edge('pumping-02', OTHER_TOKEN);
  hub.auth.tokens.set('admin-token', {
    kind: 'user',
    id: 'ada',
    roles: ['administrator'],
    clearance: 'secret',
  });
});
afterEach(() => hub.close());

interface Refused {
  status: number;
  body: { error: string; reason: string };
}

/** Sends a request and checks that the store saw nothing of it and the refusal was audited. */
async function refused(
  method: string,
  path: string,
  token?: string,
  body?: string,
): Promise<Refused> {
  const before = hub.spy.seen.length;
  const audited = hub.audit.entries.length;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const reply = await fetch(`${hub.sync}${path}`, { method, headers, body: body ?? null });
  const json = (await reply.json()) as Refused['body'];
  expect(hub.spy.seen.slice(before)).toEqual([]);
  const entry = hub.audit.entries[audited];
  expect(entry).toMatchObject({ outcome: 'refused' });
  expect(JSON.stringify(entry)).not.toContain(token ?? 'no token');
  return { status: reply.status, body: json };
}

describe('the sync gateway refuses, before the store sees anything,', () => {
  test.each([
    ['no token', undefined],
    ['an unknown token', 'guessed'],
    ['an expired or revoked token', 'revoked-token'],
  ])('a request with %s (401)', async (_name, token) => {
    const { status, body } = await refused('GET', `/${SITE}/control`, token);
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: 'unauthorized', reason: expect.stringMatching(/token/) });
    expect(hub.audit.entries.at(-1)).toMatchObject({ actor: 'anonymous', action: 'sync.request' });
    expect(hub.seen).toEqual([]);
  });

  test('the token of one site used on another site databases (403)', async () => {
    for (const db of ['control', 'telemetry']) {
      const { status, body } = await refused('GET', `/pumping-02/${db}`, TOKEN);
      expect(status).toBe(403);
      expect(body.reason).toMatch(/token of site "lighting-01" may reach only/);
    }
    const push = await refused(
      'POST',
      '/pumping-02/telemetry/_bulk_docs',
      TOKEN,
      JSON.stringify({ docs: [{ _id: 'x', type: 'telemetry-batch' }], new_edits: false }),
    );
    expect(push.status).toBe(403);
    expect(hub.audit.entries.at(-1)).toMatchObject({
      actor: 'edge:lighting-01',
      target: 'site/pumping-02',
    });
  });

  test('an unknown site (403) and a person token, which does not replicate (403)', async () => {
    expect((await refused('GET', '/nowhere/control', TOKEN)).status).toBe(403);
    const person = await refused('GET', `/${SITE}/control`, 'admin-token');
    expect(person.status).toBe(403);
    expect(person.body.reason).toMatch(/only a site's edge token/);
  });

  test.each([
    ['DELETE', '/control', 403],
    ['PUT', '/control', 403],
    ['POST', '/control/_compact', 403],
    ['GET', '/control/_security', 403],
    ['PUT', '/control/_security', 403],
    ['POST', '/control/_find', 403],
    ['GET', '/control/_all_docs', 403],
    ['GET', '/control/_design/app', 403],
    ['GET', '/control/_design%2Fapp', 403],
    ['GET', '/control/_design/app/_view/by-type', 403],
    ['PUT', '/control/_design/app', 403],
    ['GET', '/control/_changes?feed=continuous', 403],
    ['GET', '/control/_changes?feed=eventsource', 403],
    ['GET', '/control/_changes?filter=app/mine', 403],
    ['GET', '/control/_changes?filter=_view&view=app/v', 403],
    ['PUT', '/control/app-install%2Fx', 403],
    ['DELETE', '/control/command%2Fc1', 403],
    ['DELETE', '/control/_local/cp', 403],
    ['GET', '/telemetry/_changes', 403],
    ['POST', '/telemetry/_changes', 403],
    ['GET', '/telemetry/tb%2F1', 403],
    ['POST', '/telemetry/_bulk_get', 403],
    ['GET', '/telemetry/tb%2F1/raw.bin', 403],
    ['GET', '/_all_dbs', 404],
    ['GET', '/_session', 404],
    ['GET', '/secrets', 404],
  ])('%s /sync/lighting-01%s, not a replication endpoint (%i)', async (method, path, status) => {
    const reply = await refused(
      method,
      `/${SITE}${path}`,
      TOKEN,
      method === 'GET' ? undefined : '{}',
    );
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error: expect.any(String), reason: expect.any(String) });
  });

  test.each([
    ['/_all_dbs', 403],
    ['/_session', 403],
    ['/_utils', 403],
    ['/', 404],
  ])('the store root path %s (%i)', async (path, status) => {
    expect((await refused('GET', path, TOKEN)).status).toBe(status);
  });

  test('a path that climbs out of the database with encoded dots', async () => {
    const before = hub.spy.seen.length;
    const { port } = new URL(hub.sync);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: `/sync/${SITE}/control/%2E%2E/%2E%2E/_all_dbs`,
          headers: { authorization: `Bearer ${TOKEN}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(hub.spy.seen.slice(before)).toEqual([]);
  });
});

describe('request bodies', () => {
  test.each([
    ['not JSON', '/control/_bulk_docs', '{"docs": [', 400],
    ['docs that are not a list', '/control/_bulk_docs', '{"docs": {}}', 400],
    [
      'a document without an _id',
      '/telemetry/_bulk_docs',
      '{"docs": [{"type": "telemetry-batch"}]}',
      400,
    ],
    [
      'new_edits that is not a boolean',
      '/telemetry/_bulk_docs',
      '{"docs": [], "new_edits": "no"}',
      400,
    ],
    ['a _revs_diff that is not id → revisions', '/telemetry/_revs_diff', '{"a": "1-x"}', 400],
    ['a _bulk_get without ids', '/control/_bulk_get', '{"docs": [{}]}', 400],
    ['a checkpoint that is not an object', '/telemetry/_local/cp', '[1]', 400],
  ])('with %s are refused (400)', async (_name, path, body, status) => {
    const method = path.includes('_local') ? 'PUT' : 'POST';
    const reply = await refused(method, `/${SITE}${path}`, TOKEN, body);
    expect(reply.status).toBe(status);
    expect(reply.body.error).toBe('bad_request');
  });

  test('larger than the limit are refused (413) with the limit named', async () => {
    await using small = await startGateway({ limits: { maxBodyBytes: 4096 } });
    small.auth.edge(SITE, TOKEN);
    const before = small.spy.seen.length;
    const docs = Array.from({ length: 100 }, (_, i) => ({
      _id: `tb/${i}`,
      type: 'telemetry-batch',
    }));
    const reply = await fetch(`${small.sync}/${SITE}/telemetry/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ docs }),
    });
    expect(reply.status).toBe(413);
    expect(await reply.json()).toMatchObject({
      error: 'too_large',
      reason: expect.stringMatching(/4096 bytes/),
    });
    expect(small.spy.seen.slice(before)).toEqual([]);
    expect(small.audit.entries.at(-1)).toMatchObject({ outcome: 'refused' });
  });
});
