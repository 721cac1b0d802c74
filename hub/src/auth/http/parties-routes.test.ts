import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget } from '../../couch/targets.fixture.ts';
import { type AuthWorld, authWorld, type TestStore, withParties } from '../auth.fixture.ts';
import { partiesRoutes } from './parties-routes.ts';

describe.each(STORE_TARGETS)('the parties routes on $name', (target: StoreTarget) => {
  beforeEach((context) => {
    if (target.skip) context.skip(target.skip);
  });

  let store: TestStore;
  let world: AuthWorld;
  let app: ReturnType<typeof partiesRoutes>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    if (target.skip) return;
    store = await target.open();
    world = await withParties(await authWorld(store));
    app = partiesRoutes({ auth: world.auth });
    for (const id of ['admin', 'oper', 'viewer'])
      tokens[id] = (await world.auth.login(id, world.passwords[id]!)).token;
  });
  afterAll(async () => {
    await store?.close();
  });

  function call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    return app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  }

  describe('sign-in', () => {
    test('login returns a session token and sets an HttpOnly, SameSite=Strict cookie', async () => {
      const res = await call('POST', '/api/auth/login', {
        body: { user: 'oper', password: world.passwords['oper'] },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { token: string; abilities: string[] };
      expect(body.abilities).toContain('commands:write');
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^heng_session=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const me = await call('GET', '/api/me', {
        headers: { cookie: `heng_session=${body.token}` },
      });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ principal: { id: 'oper' } });
    });

    test('a wrong password is 401 with a Bearer challenge', async () => {
      const res = await call('POST', '/api/auth/login', {
        body: { user: 'oper', password: 'nope' },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    });

    test('no token, or a bad one, is 401 and audited as refused', async () => {
      expect((await call('GET', '/api/me')).status).toBe(401);
      const bad = await call('GET', '/api/users', { token: 'x'.repeat(43) });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const refused = await world.audit.list({
        action: 'auth.authenticate',
        outcome: 'refused',
        limit: 2,
      });
      expect(refused.entries.map((e) => e.target)).toEqual(['GET /api/users', 'GET /api/me']);
    });

    test('logout ends the session', async () => {
      const { token } = await world.auth.login('tech', world.passwords['tech']!);
      expect((await call('POST', '/api/auth/logout', { token })).status).toBe(204);
      expect((await call('GET', '/api/me', { token })).status).toBe(401);
    });
  });

  describe('organisations and users', () => {
    test('a viewer may not list users: 403, audited', async () => {
      const res = await call('GET', '/api/users', { token: tokens['viewer'] });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: { code: 'permission_denied', message: expect.stringMatching(/parties:read/) },
      });
      const [entry] = (await world.audit.list({ action: 'auth.authorise', limit: 1 })).entries;
      expect(entry).toMatchObject({
        actor: 'user:viewer',
        outcome: 'refused',
        detail: { ability: 'parties:read' },
      });
    });

    test('an administrator lists users without any password hash', async () => {
      const res = await call('GET', '/api/users', { token: tokens['admin'] });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text).users).toHaveLength(5);
      expect(text).not.toMatch(/salt|scrypt|password/);
    });

    test('creates an organisation, audited; a duplicate is a refused 409', async () => {
      const org = { id: 'water-works', name: 'Water Works', kind: 'enterprise' };
      const res = await call('POST', '/api/organisations', { token: tokens['admin'], body: org });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject(org);
      expect(
        (await call('POST', '/api/organisations', { token: tokens['admin'], body: org })).status,
      ).toBe(409);
      const entries = (await world.audit.list({ action: 'organisation.create', limit: 2 })).entries;
      expect(entries.map((e) => [e.target, e.outcome])).toEqual([
        ['org/water-works', 'refused'],
        ['org/water-works', 'ok'],
      ]);
      const list = await call('GET', '/api/organisations', { token: tokens['admin'] });
      expect(((await list.json()) as { organisations: unknown[] }).organisations).toHaveLength(3);
    });

    test('a bad body names the JSON path of each problem', async () => {
      const res = await call('POST', '/api/organisations', {
        token: tokens['admin'],
        body: { id: 'Bad Id', name: 'x', kind: 'company' },
      });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as {
        error: { code: string; issues: Array<{ path: string }> };
      };
      expect(error.code).toBe('invalid_input');
      expect(error.issues.map((i) => i.path).sort()).toEqual(['/id', '/kind']);
      const notJson = await call('POST', '/api/users', {
        token: tokens['admin'],
        body: '{not json',
      });
      expect(notJson.status).toBe(400);
      const unknownOrg = await call('POST', '/api/users', {
        token: tokens['admin'],
        body: {
          id: 'li.wei',
          name: 'Li Wei',
          organisation: 'nowhere',
          roles: ['operator'],
          clearance: 'internal',
        },
      });
      expect(unknownOrg.status).toBe(400);
      expect(await unknownOrg.json()).toMatchObject({
        error: { issues: [{ path: '/organisation' }] },
      });
    });

    test('an oversized body is 413', async () => {
      const res = await call('POST', '/api/organisations', {
        token: tokens['admin'],
        body: { id: 'big', name: 'x'.repeat(20_000), kind: 'public' },
      });
      expect(res.status).toBe(413);
    });

    test('creates a user with a generated password shown once, which signs in', async () => {
      const res = await call('POST', '/api/users', {
        token: tokens['admin'],
        body: {
          id: 'li.wei',
          name: 'Li Wei',
          organisation: 'lighting-office',
          roles: ['operator'],
          clearance: 'internal',
        },
      });
      expect(res.status).toBe(201);
      const { user, password } = (await res.json()) as { user: { id: string }; password: string };
      expect(user).toMatchObject({ id: 'li.wei', disabled: false });
      expect((await world.auth.login('li.wei', password)).principal.id).toBe('li.wei');
      const [entry] = (await world.audit.list({ action: 'user.create', limit: 1 })).entries;
      expect(JSON.stringify(entry)).not.toContain(password);
    });

    test('an operator may not create users', async () => {
      const res = await call('POST', '/api/users', { token: tokens['oper'], body: {} });
      expect(res.status).toBe(403);
    });

    test('changing roles takes effect at once; disabling a user ends their sessions', async () => {
      const { token } = await world.auth.login('vendor', world.passwords['vendor']!);
      expect((await call('GET', '/api/me', { token })).status).toBe(200);
      const patched = await call('PATCH', '/api/users/vendor', {
        token: tokens['admin'],
        body: { roles: ['viewer'] },
      });
      expect(patched.status).toBe(200);
      expect(await (await call('GET', '/api/me', { token })).json()).toMatchObject({
        principal: { roles: ['viewer'] },
      });
      expect(
        (
          await call('PATCH', '/api/users/vendor', {
            token: tokens['admin'],
            body: { disabled: true },
          })
        ).status,
      ).toBe(200);
      expect((await call('GET', '/api/me', { token })).status).toBe(401);
      const bad = await call('PATCH', '/api/users/vendor', {
        token: tokens['admin'],
        body: { roles: ['edge'] },
      });
      expect(await bad.json()).toMatchObject({ error: { issues: [{ path: '/roles/0' }] } });
    });

    test('refuses to disable the last administrator', async () => {
      const res = await call('PATCH', '/api/users/admin', {
        token: tokens['admin'],
        body: { disabled: true },
      });
      expect(res.status).toBe(409);
    });
  });

  describe('password change', () => {
    test('by oneself needs the current password, and keeps this session only', async () => {
      const other = await world.auth.login('oper', world.passwords['oper']!);
      const url = '/api/users/oper/password';
      expect(
        (
          await call('PUT', url, {
            token: tokens['oper'],
            body: { password: 'a brand new passphrase' },
          })
        ).status,
      ).toBe(403);
      const ok = await call('PUT', url, {
        token: tokens['oper'],
        body: { password: 'a brand new passphrase', currentPassword: world.passwords['oper'] },
      });
      expect(ok.status).toBe(204);
      expect((await call('GET', '/api/me', { token: tokens['oper'] })).status).toBe(200);
      expect((await call('GET', '/api/me', { token: other.token })).status).toBe(401);
      expect((await world.auth.login('oper', 'a brand new passphrase')).principal.id).toBe('oper');
    });

    test("by an administrator for someone else; nobody else may change another's", async () => {
      const res = await call('PUT', '/api/users/viewer/password', {
        token: tokens['admin'],
        body: { password: 'reset by the admin' },
      });
      expect(res.status).toBe(204);
      const denied = await call('PUT', '/api/users/admin/password', {
        token: tokens['oper'],
        body: { password: 'taking over now' },
      });
      expect(denied.status).toBe(403);
    });

    test('the audit chain is whole and holds no password', async () => {
      expect(await world.audit.verify()).toMatchObject({ ok: true });
      const all = JSON.stringify(await world.audit.list({ limit: 500 }));
      expect(all).not.toMatch(/brand new passphrase|reset by the admin|-password-long/);
    });
  });
});
