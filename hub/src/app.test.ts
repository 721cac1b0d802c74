import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { siteDbName } from './couch/index.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';
import { HUB_OPERATIONS } from './operations.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const site = {
  id: 'lighting-01',
  name: 'Jiefang Road lighting cabinet',
  kind: 'lighting',
  dataClass: 'internal',
};

describe('the hub API', () => {
  test('describes exactly the routes it serves in its OpenAPI document', async () => {
    const res = await t.call('/api/openapi.json', { token: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const described = Object.entries(doc.paths)
      .flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    const served = [
      ...new Set(
        t.hub.parts &&
          (await import('./app.ts'))
            .hubApp(t.hub.parts)
            .routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api'))
            .map((r) => `${r.method} ${r.path}`),
      ),
    ].sort();
    expect(described).toEqual(served);
    expect(HUB_OPERATIONS.length).toBe(described.length);
  });

  test('reports its store as healthy without a token, and the sites with one', async () => {
    const open = (await (await t.call('/api/health', { token: null })).json()) as Record<
      string,
      unknown
    >;
    expect(open).toMatchObject({ ok: true, store: { ok: true, kind: 'embedded' } });
    expect(open['sites']).toBeUndefined();
  });

  test('refuses every other route without a token, naming the scheme', async () => {
    const res = await t.call('/api/sites', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
  });

  test('registers a site with its databases and an edge token, once', async () => {
    const res = await t.call('/api/sites', { json: site });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { site: { id: string }; edgeToken: string };
    expect(body.site.id).toBe('lighting-01');
    expect(body.edgeToken).toMatch(/\S{20,}/);
    const dbs = await t.hub.parts.couch.server.db.list();
    expect(dbs).toEqual(
      expect.arrayContaining([
        siteDbName('lighting-01', 'control'),
        siteDbName('lighting-01', 'telemetry'),
      ]),
    );
    const again = await t.call('/api/sites', { json: site });
    expect(again.status).toBe(409);
    // The edge token is for the sync gateway only, not the API.
    const asEdge = await t.call('/api/sites', { token: body.edgeToken });
    expect(asEdge.status).toBe(403);
  });

  test('refuses a site whose body breaks the schema, naming the path, and writes nothing', async () => {
    const res = await t.call('/api/sites', { json: { id: 'Bad Id', name: '' } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { issues: Array<{ path: string }> } };
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/id', '/name']));
    const upper = await t.call('/api/sites', { json: { id: 'Lighting.02', name: 'x' } });
    expect(upper.status).toBe(400);
    expect(await t.hub.parts.couch.server.db.list()).not.toContain('heng-site-lighting.02-control');
  });

  test('refuses a body that is not JSON, not declared JSON, or too large, and registers nothing', async () => {
    const before = (await t.hub.parts.couch.server.db.list()).length;
    const notJson = await t.call('/api/sites', {
      method: 'POST',
      body: '{"id":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain('not valid JSON');
    const plain = await t.call('/api/sites', {
      method: 'POST',
      body: JSON.stringify({ id: 'plain-01', name: 'x' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toContain('expected content-type application/json');
    const huge = await t.call('/api/sites', {
      json: { id: 'huge-01', name: 'x', organisation: 'y'.repeat(300 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect((await t.hub.parts.couch.server.db.list()).length).toBe(before);
  });

  test('lists sites with their sync state, and health shows them to a signed-in reader', async () => {
    const { sites } = (await (await t.call('/api/sites')).json()) as {
      sites: Array<{ id: string; sync: { online: boolean } }>;
    };
    expect(sites.map((s) => s.id)).toContain('lighting-01');
    expect(sites[0]?.sync.online).toBe(false);
    const health = (await (await t.call('/api/health')).json()) as { sites: unknown[] };
    expect(health.sites).toHaveLength(sites.length);
  });

  test('writes a command for the edge, and shows it without an outcome until the edge answers', async () => {
    const res = await t.call('/api/sites/lighting-01/commands', {
      json: { device: 'lamp-01', point: 'dimming', value: 40, reason: 'night plan' },
    });
    expect(res.status).toBe(202);
    const { command } = (await res.json()) as {
      command: { id: string; requestedBy: { id: string } };
    };
    expect(command.requestedBy).toEqual({ kind: 'user', id: 'admin' });
    const read = (await (await t.call(`/api/sites/lighting-01/commands/${command.id}`)).json()) as {
      outcome: unknown;
    };
    expect(read.outcome).toBeNull();
    const bad = await t.call('/api/sites/lighting-01/commands', {
      json: { device: 'lamp-01', point: 'dimming', value: 40 },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('/reason');
    const nowhere = await t.call('/api/sites/nowhere/commands', {
      json: { device: 'd', point: 'p', value: 1, reason: 'r' },
    });
    expect(nowhere.status).toBe(404);
  });

  test('keeps every write and refusal in a verifiable audit log', async () => {
    const page = (await (await t.call('/api/audit?action=site.register')).json()) as {
      entries: Array<{ outcome: string; target: string }>;
    };
    expect(page.entries.map((e) => e.target)).toContain('site/lighting-01');
    const verify = (await (await t.call('/api/audit/verify')).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
    const refused = (await (await t.call('/api/audit?outcome=refused')).json()) as {
      entries: unknown[];
    };
    expect(refused.entries.length).toBeGreaterThan(0);
    expect((await t.call('/api/audit?outcome=maybe')).status).toBe(400);
  });
});

describe('a technician', () => {
  test('commands the sites of their organisation only', async () => {
    await t.call('/api/organisations', {
      json: { id: 'lighting-office', name: 'Municipal Lighting Office', kind: 'department' },
    });
    await t.call('/api/sites', {
      json: { id: 'lighting-02', name: 'Cai E Road cabinet', organisation: 'lighting-office' },
    });
    const made = await t.call('/api/users', {
      json: {
        id: 'wang',
        name: 'Wang Fang',
        organisation: 'lighting-office',
        roles: ['technician'],
        clearance: 'internal',
        password: 'a long enough passphrase 1',
      },
    });
    expect(made.status).toBe(201);
    const login = await t.call('/api/auth/login', {
      json: { user: 'wang', password: 'a long enough passphrase 1' },
      token: null,
    });
    const { token } = (await login.json()) as { token: string };
    const command = { device: 'lamp-01', point: 'dimming', value: 40, reason: 'repair check' };
    expect((await t.call('/api/sites/lighting-02/commands', { json: command, token })).status).toBe(
      202,
    );
    // Another organisation's site does not exist for them: the same 404 as a missing one.
    const other = await t.call('/api/sites/lighting-01/commands', { json: command, token });
    const missing = await t.call('/api/sites/nowhere-01/commands', { json: command, token });
    expect([other.status, missing.status]).toEqual([404, 404]);
    expect(((await other.json()) as { error: { message: string } }).error.message).toBe(
      ((await missing.json()) as { error: { message: string } }).error.message.replace(
        'nowhere-01',
        'lighting-01',
      ),
    );
  });
});
