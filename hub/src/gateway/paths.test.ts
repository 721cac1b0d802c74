import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { type GatewayHarness, startGateway } from './gateway.fixture.ts';

const SITE = 'lighting-01';
const TOKEN = 'edge-token-lighting-01';

/**
 * Ways to spell a step out of a database, a separator or a name the store would read as one,
 * as raw URL text: plain, percent-encoded in either case, doubly encoded, backslashes,
 * overlong UTF-8, and dots that normalise to a dot (U+2024, U+FF0E, U+FE52).
 */
const VARIANTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%25252e%25252e',
  '..%2f..%2f_all_dbs',
  '%2e%2e%2f%2e%2e%2f_all_dbs',
  '%2e%2e%2F%2e%2e%2F_session',
  '..%2F..%2Fheng-hub%2F_all_docs',
  '%252e%252e%252f_all_dbs',
  '..%5c..%5c_all_dbs',
  '%5c..%5c_all_dbs',
  '..\\..\\_all_dbs',
  '%c0%ae%c0%ae',
  '%e2%80%a4%e2%80%a4',
  '%ef%bc%8e%ef%bc%8e',
  '%ef%b9%92%ef%b9%92',
  '%ef%bc%8e%ef%bc%8e%2f%ef%bc%8e%ef%bc%8e%2f_all_dbs',
  '%00',
  'x%00..',
  '%2f_all_dbs',
  '_all_dbs',
  '%5f_all_dbs',
  '..%3b',
];

/** Every endpoint of the gateway that puts something of the path into a store URL; `@` is where. */
const ENDPOINTS: Array<{ method: string; path: string }> = [
  { method: 'GET', path: '/@/control' },
  { method: 'GET', path: `/${SITE}/@` },
  { method: 'GET', path: `/${SITE}/@/_changes` },
  { method: 'GET', path: `/${SITE}/control/@` },
  { method: 'GET', path: `/${SITE}/control/@/x` },
  { method: 'GET', path: `/${SITE}/control/event%2Fa/@` },
  { method: 'GET', path: `/${SITE}/control/event%2Fa/@/package.hpkg` },
  { method: 'GET', path: `/${SITE}/control/@/@/@` },
  { method: 'GET', path: `/${SITE}/control/_local/@` },
  { method: 'PUT', path: `/${SITE}/control/_local/@` },
  { method: 'GET', path: `/${SITE}/control/_local%2F@` },
  { method: 'GET', path: `/${SITE}/telemetry/_local/@` },
  { method: 'PUT', path: `/${SITE}/telemetry/_local/@` },
  { method: 'GET', path: `/${SITE}/telemetry/@` },
  { method: 'POST', path: `/${SITE}/control/@` },
  { method: 'POST', path: `/${SITE}/control/_bulk_docs/@` },
];

const CASES = ENDPOINTS.flatMap((endpoint) =>
  VARIANTS.map((variant) => ({
    method: endpoint.method,
    path: endpoint.path.replaceAll('@', variant),
  })),
);

let hub: GatewayHarness;
beforeAll(async () => {
  hub = await startGateway();
  hub.auth.edge(SITE, TOKEN);
  await hub.couch.db(siteDbName(SITE, 'control')).insert({
    _id: 'event/a',
    type: 'event',
    _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } },
  } as never);
});
afterAll(() => hub.close());

/** The hub's own first look at the store (which kind it is) is not the edge's request. */
beforeAll(async () => {
  await raw('GET', `/${SITE}/control`);
});

/** Sends the path exactly as written: no client-side URL parsing to tidy it up first. */
function raw(method: string, path: string): Promise<{ status: number; text: string }> {
  const { hostname, port, pathname } = new URL(hub.sync);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method,
        path: `${pathname}${path}`,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(method === 'GET' ? undefined : '{"_id":"_local/x","last_seq":1}');
  });
}

/** The site's own databases, as the store's paths begin. */
const OWN = [siteDbName(SITE, 'control'), siteDbName(SITE, 'telemetry')].map(
  (db) => `/${encodeURIComponent(db)}/`,
);

test('the attacker’s example, an attachment name that decodes to ../../_all_dbs, is refused', async () => {
  const before = hub.spy.seen.length;
  const { status, text } = await raw(
    'GET',
    `/${SITE}/control/event%2Fa/%2e%2e%2f%2e%2e%2f_all_dbs`,
  );
  expect(status).toBe(400);
  expect(JSON.parse(text)).toMatchObject({
    error: 'bad_request',
    reason: expect.stringMatching(/dot segment/),
  });
  expect(hub.spy.seen.slice(before)).toEqual([]);
});

describe('encoded paths never leave the site’s databases', () => {
  test.each(CASES)('$method $path', async ({ method, path }) => {
    const before = hub.spy.seen.length;
    const { status, text } = await raw(method, path);
    const reached = hub.spy.seen.slice(before).map((line) => line.split(' ')[1] ?? '');
    for (const storePath of reached) {
      expect(OWN.some((own) => storePath.startsWith(own))).toBe(true);
      // What reached the store is what was built: no dot segment left for it to resolve.
      expect(storePath.split('?')[0]?.split('/')).not.toContain('..');
    }
    // Refused, or answered from inside the site's own databases (a name like `/_all_dbs` is a
    // document id there); never a failure that would hide where the request went.
    expect(status).toBeLessThan(500);
    if (status >= 300) expect(text).not.toMatch(/"rows"|"userCtx"|"db_name"|"results"/);
  });
});
