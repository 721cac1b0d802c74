import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type EdgeDatabase, openDatabase, SegmentedTelemetry } from '../store/index.ts';
import { couchErrorOf } from './couch-errors.ts';
import { type SyncStatus, startSync } from './index.ts';

/** Error replies a hub, a proxy or an old hub might send, none of them in CouchDB's shape. */
const MALFORMED: Array<{ what: string; status: number; type: string; body: string }> = [
  {
    what: 'an error object instead of a word (an older gateway with its store down)',
    status: 503,
    type: 'application/json',
    body: JSON.stringify({ error: { code: 'store_unavailable', message: 'the store is down' } }),
  },
  {
    what: 'an HTML error page',
    status: 502,
    type: 'text/html',
    body: '<html><body><h1>502 Bad Gateway</h1><pre>at /srv/hub/x.js:1</pre></body></html>',
  },
  {
    what: 'a name that is not a string',
    status: 500,
    type: 'application/json',
    body: JSON.stringify({ error: 'boom', name: { nested: true }, status: 'x' }),
  },
  { what: 'JSON null', status: 500, type: 'application/json', body: 'null' },
  { what: 'a JSON string', status: 500, type: 'application/json', body: '"oops"' },
  { what: 'a number as error', status: 503, type: 'application/json', body: '{"error":7}' },
  { what: 'an empty body', status: 500, type: 'application/json', body: '' },
];

describe('couchErrorOf', () => {
  test.each(MALFORMED)('gives a word and a reason for $what', ({ status, body }) => {
    const shaped = couchErrorOf(status, body);
    expect(typeof shaped.error).toBe('string');
    expect(shaped.error).not.toBe('');
    expect(typeof shaped.reason).toBe('string');
    expect(Object.keys(shaped).sort()).toEqual(['error', 'reason']);
  });

  test("keeps CouchDB's own error and reason", () => {
    expect(couchErrorOf(403, '{"error":"forbidden","reason":"not yours"}')).toEqual({
      error: 'forbidden',
      reason: 'not yours',
    });
  });

  test('takes the message of an error object, and a word for its status', () => {
    expect(couchErrorOf(503, MALFORMED[0]?.body ?? '')).toEqual({
      error: 'service_unavailable',
      reason: 'the store is down',
    });
  });
});

describe('an edge whose hub answers errors of any shape', () => {
  let dir: string;
  let server: Server;
  let control: EdgeDatabase;
  let segments: SegmentedTelemetry;
  let reply = MALFORMED[0];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heng-couch-errors-'));
    server = createServer((_req, res) => {
      res.writeHead(reply?.status ?? 500, { 'content-type': reply?.type ?? 'text/plain' });
      res.end(reply?.body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    control = await openDatabase(path.join(dir, 'edge'), 'control');
    segments = new SegmentedTelemetry(path.join(dir, 'edge', 'telemetry'));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await segments.close();
    await control.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Before the edge rebuilt error replies, the first of these killed the process from inside
  // PouchDB's replicator (`fatalError.name.toLowerCase is not a function`).
  test.each(MALFORMED)('stays up and reports offline on $what', async (malformed) => {
    reply = malformed;
    await control.put({ _id: 'event/x', type: 'event' });
    const { port } = server.address() as AddressInfo;
    let offline!: (status: SyncStatus) => void;
    const seenOffline = new Promise<SyncStatus>((resolve) => {
      offline = resolve;
    });
    const running = startSync({
      hub: new URL(`http://127.0.0.1:${port}`),
      site: 'lighting-01',
      token: 'any',
      control,
      telemetry: segments,
      backoff: { initialMs: 10, maxMs: 20 },
      statusEveryMs: 0,
      scanEveryMs: 0,
      onStatus: (status) => {
        if (status.state === 'offline') offline(status);
      },
    });
    try {
      const status = await seenOffline;
      expect(status.error).toMatch(String(malformed.status));
      // Several retries go by: each would have been a crash.
      await running.refresh();
    } finally {
      await running.dispose();
    }
  });
});
