/**
 * The API's HTTP boundaries on a real hub: one JSON reader (type, size per route, depth), a
 * package over the parties' 16 KiB publishes, and writes from another origin (another port of
 * the same host too) refused whatever they carry.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH } from './api/json-body.ts';
import { lampsManifest, makePackage, vendorKey } from './catalog/catalog.fixture.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';

let t: TestHub;
let cookie: string;
beforeAll(async () => {
  t = await startTestHub();
  const admin = t.hub.admin as { id: string; password: string };
  const login = await t.call('/api/auth/login', {
    json: { user: admin.id, password: admin.password },
    token: null,
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  expect(cookie).toMatch(/^heng_session=/);
});
afterAll(() => t?.close());

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

describe('JSON bodies', () => {
  test('a body nested 7,000 deep is a 400 naming the limit, signed in or not', async () => {
    const body = `{"user":"admin","password":${nested(7000)}}`;
    for (const [route, token] of [
      ['/api/auth/login', null],
      ['/api/users', undefined],
      ['/api/sites', undefined],
      ['/api/installs', undefined],
    ] as const) {
      const res = await t.call(route, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        token,
      });
      expect([route, res.status]).toEqual([route, 400]);
      expect(await errorOf(res)).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(`deeper than ${MAX_JSON_DEPTH} levels`),
      });
    }
  });

  test('a body nested up to the limit is read and checked against its schema', async () => {
    const res = await t.call('/api/auth/login', {
      method: 'POST',
      body: `{"user":"admin","password":${nested(MAX_JSON_DEPTH - 1)}}`,
      headers: { 'content-type': 'application/json' },
      token: null,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).not.toContain('deeper');
  });

  test('limits are per route: 16 KiB for the parties, 256 KiB for the rest', async () => {
    const org = { id: 'big', name: 'x'.repeat(20_000), kind: 'public' };
    expect((await t.call('/api/organisations', { json: org })).status).toBe(413);
    // 20 KB is over the parties' limit only: a site's body reaches its schema check.
    const site = await t.call('/api/sites', {
      json: { id: 'big-01', name: 'x'.repeat(20_000) },
    });
    expect(site.status).toBe(400);
    expect((await errorOf(site)).message).not.toContain('limit');
  });

  test('a package over 16 KiB publishes (its limit is 20 MiB)', async () => {
    const key = await vendorKey();
    const trusted = await t.call('/api/catalog/keys', {
      json: { publicKey: key.pub, name: 'big vendor' },
    });
    expect(trusted.status).toBe(201);
    const pad = randomBytes(48 * 1024).toString('base64');
    const bytes = await makePackage(
      lampsManifest('9.0.0'),
      key.priv,
      `export default { pad: '${pad}' };\n`,
    );
    expect(bytes.byteLength).toBeGreaterThan(32 * 1024);
    const res = await t.call('/api/catalog/packages', {
      method: 'POST',
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(201);
  });
});

describe('writes from another origin', () => {
  const user = (id: string) =>
    JSON.stringify({
      id,
      name: 'Mallory',
      organisation: 'management-centre',
      roles: ['administrator'],
      clearance: 'secret',
      password: 'chosen by the attacker',
    });
  const own = () => new URL(t.hub.url).origin;
  const otherPort = () => {
    const url = new URL(t.hub.url);
    url.port = String(Number(url.port) === 1880 ? 1881 : 1880);
    return url.origin;
  };
  const withCookie = (route: string, headers: Record<string, string>, body?: string) =>
    fetch(`${t.hub.url}${route}`, {
      method: 'POST',
      headers: { cookie, ...headers },
      ...(body !== undefined ? { body } : {}),
    });
  const users = async () =>
    ((await (await t.call('/api/users')).json()) as { users: Array<{ id: string }> }).users.map(
      (u) => u.id,
    );

  test('a page on another port of the same host cannot create an administrator', async () => {
    const attempts: Array<Record<string, string>> = [
      // What the demo's Node-RED editor did: text/plain, the cookie, its own origin.
      { origin: otherPort(), 'content-type': 'text/plain', 'sec-fetch-site': 'same-site' },
      { origin: otherPort(), 'content-type': 'text/plain' },
      { origin: otherPort(), 'content-type': 'application/json' },
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      // No Origin at all with the cookie: not a page of the hub's.
      { 'content-type': 'application/json' },
      // The hub's own origin, but a body type a form can send.
      { origin: own(), 'content-type': 'text/plain' },
      { origin: own(), 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const [i, headers] of attempts.entries()) {
      const res = await withCookie('/api/users', headers, user(`mallory${i}`));
      expect([i, res.status]).toEqual([i, expect.toSatisfy((s: number) => s === 403 || s === 400)]);
    }
    expect((await users()).filter((id) => id.startsWith('mallory'))).toEqual([]);
    // Each refusal of an origin is in the audit log, counted by route.
    await t.hub.parts.auth.tally.flush();
    const { entries } = await t.hub.parts.audit.list({ action: 'auth.origin', limit: 50 });
    expect(entries.every((e) => e.target === 'POST /api/users' && e.outcome === 'refused')).toBe(
      true,
    );
    expect(entries.reduce((n, e) => n + (Number(e.detail?.['count']) || 1), 0)).toBe(6);
  });

  test('sign-in and sign-out from another origin are refused; the session goes on', async () => {
    const admin = t.hub.admin as { id: string; password: string };
    const login = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: otherPort(), 'content-type': 'application/json' },
      body: JSON.stringify({ user: admin.id, password: admin.password }),
    });
    expect(login.status).toBe(403);
    const logout = await withCookie('/api/auth/logout', { origin: otherPort() });
    expect(logout.status).toBe(403);
    const me = await fetch(`${t.hub.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
  });

  test("the hub's own pages write with the cookie; scripts write with a bearer token", async () => {
    const page = await withCookie(
      '/api/users',
      { origin: own(), 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      user('page.made'),
    );
    expect(page.status).toBe(201);
    const script = await t.call('/api/organisations', {
      json: { id: 'by-script', name: 'By script', kind: 'public' },
    });
    expect(script.status).toBe(201);
    expect(await users()).toContain('page.made');
  });
});
