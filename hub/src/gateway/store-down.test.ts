import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditLog } from '../audit/types.ts';
import { Couch } from '../couch/index.ts';
import { MapAuthenticator } from './gateway.fixture.ts';
import { syncGateway } from './index.ts';

/** An audit log whose store is gone too: every append fails. */
const brokenAudit: AuditLog = {
  append: async () => {
    throw new Error('the audit store did not answer');
  },
} as unknown as AuditLog;

const TOKEN = 'edge-token-of-lighting-01';

function gatewayTo(storeUrl: string): Hono {
  const app = new Hono();
  app.route(
    '/sync',
    syncGateway({
      couch: new Couch({ url: storeUrl }),
      authenticator: new MapAuthenticator().edge('lighting-01', TOKEN),
      audit: brokenAudit,
      forwarding: { storeFor: async () => ({ url: storeUrl, authorization: undefined }) },
    }),
  );
  return app;
}

/** Every request PouchDB's replicator makes, as one table. */
const REQUESTS: Array<{ method: string; path: string; body?: unknown }> = [
  { method: 'GET', path: '/control' },
  { method: 'GET', path: '/control/_local/abc' },
  { method: 'PUT', path: '/control/_local/abc', body: { _id: '_local/abc', last_seq: 1 } },
  { method: 'GET', path: '/control/_changes?feed=normal' },
  { method: 'POST', path: '/control/_revs_diff', body: { 'event/x': ['1-a'] } },
  {
    method: 'POST',
    path: '/control/_bulk_docs',
    body: { docs: [{ _id: 'event/x', type: 'event' }], new_edits: false },
  },
  { method: 'POST', path: '/control/_bulk_get', body: { docs: [{ id: 'event/x' }] } },
  { method: 'GET', path: '/control/event%2Fx' },
  { method: 'GET', path: '/telemetry' },
];

async function send(app: Hono, request: (typeof REQUESTS)[number]): Promise<Response> {
  return app.request(`/sync/lighting-01${request.path}`, {
    method: request.method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(request.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(request.body ? { body: JSON.stringify(request.body) } : {}),
  });
}

/** What PouchDB needs of an error reply: `error` a word, `reason` a string, nothing else. */
async function expectCouchShape(reply: Response): Promise<Record<string, unknown>> {
  expect(reply.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await reply.json()) as Record<string, unknown>;
  expect(typeof body['error']).toBe('string');
  expect(body['error']).toMatch(/^[a-z_]+$/);
  expect(typeof body['reason']).toBe('string');
  return body;
}

describe('the gateway with its store and audit log down', () => {
  // A port nothing listens on: connections are refused at once.
  const gone = gatewayTo('http://127.0.0.1:9');

  test.each(REQUESTS)('answers $method $path with 503 in CouchDB’s shape', async (request) => {
    const reply = await send(gone, request);
    expect(reply.status).toBe(503);
    const body = await expectCouchShape(reply);
    expect(body['error']).toBe('service_unavailable');
  });
});

describe("the store's own error pages", () => {
  let server: Server;
  let app: Hono;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(
        '<html><pre>Error: boom\n    at /srv/express-pouchdb/lib/routes/db.js:42</pre></html>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    app = gatewayTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test.each(REQUESTS)('never reach the edge: $method $path', async (request) => {
    const reply = await send(app, request);
    expect(reply.status).toBe(500);
    const text = await reply.clone().text();
    expect(text).not.toMatch(/<html|\/srv\/|at .*\.js/);
    await expectCouchShape(reply);
  });
});
