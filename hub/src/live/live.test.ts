import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HUB_CONTROL_DB, siteDbName } from '../couch/index.ts';
import { startTestHub, type TestHub } from '../hub.fixture.ts';
import { startHub } from '../hub.ts';
import { SseReader } from './sse.fixture.ts';

let t: TestHub;
let operatorToken: string;
/** A technician watches sites and events but may not read installs. */
let technicianToken: string;
const SITE = 'live-01';

beforeAll(async () => {
  t = await startTestHub();
  // The technician below belongs to the site's organisation: elsewhere it would see nothing.
  const site = await t.call('/api/sites', {
    json: { id: SITE, name: 'Live test cabinet', organisation: 'management-centre' },
  });
  expect(site.status).toBe(201);
  const user = await t.call('/api/users', {
    json: {
      id: 'oper',
      name: 'Operator',
      organisation: 'management-centre',
      roles: ['operator'],
      clearance: 'internal',
      password: 'a long enough password 1',
    },
  });
  expect(user.status).toBe(201);
  const login = await t.call('/api/auth/login', {
    json: { user: 'oper', password: 'a long enough password 1' },
    token: null,
  });
  operatorToken = ((await login.json()) as { token: string }).token;
  technicianToken = await signIn('tech', ['technician']);
});

async function signIn(id: string, roles: string[]): Promise<string> {
  const password = `a long enough password for ${id}`;
  const user = await t.call('/api/users', {
    json: {
      id,
      name: id,
      organisation: 'management-centre',
      roles,
      clearance: 'internal',
      password,
    },
  });
  expect(user.status).toBe(201);
  const login = await t.call('/api/auth/login', { json: { user: id, password }, token: null });
  return ((await login.json()) as { token: string }).token;
}
afterAll(() => t?.close());

async function open(token: string | null): Promise<SseReader> {
  const res = await t.call('/api/live', { token });
  expect(res.status).toBe(200);
  return new SseReader(res.body!);
}

const control = () => t.hub.parts.couch.db<Record<string, unknown>>(siteDbName(SITE, 'control'));
const event = (id: string, dataClass: string) => ({
  _id: `event/2026-11-28T10:00:00.000Z/${id}`,
  type: 'event',
  id,
  topic: 'lighting/fault',
  source: `edge:${SITE}`,
  site: SITE,
  ts: '2026-11-28T10:00:00.000Z',
  payload: {},
  dataClass,
});

describe('GET /api/live', () => {
  test('refuses a caller who is not signed in', async () => {
    const res = await t.call('/api/live', { token: null });
    expect(res.status).toBe(401);
  });

  test("sends each site's sync state at once and again when it changes", async () => {
    const live = await open(t.adminToken);
    await live.next((m) => m.event === 'retry');
    const first = await live.next((m) => m.event === 'site');
    expect(first.data).toMatchObject({ site: SITE, sync: { online: false, lastSeen: null } });
    t.hub.parts.tracker.seen(SITE);
    const online = await live.next(
      (m) => m.event === 'site' && (m.data as { sync: { online: boolean } }).sync.online,
    );
    expect(online.data).toMatchObject({ site: SITE, sync: { online: true } });
    await live.cancel();
  });

  test('sends new events within each reader clearance, and command outcomes', async () => {
    const admin = await open(t.adminToken);
    const operator = await open(operatorToken);
    await admin.next((m) => m.event === 'site');
    await operator.next((m) => m.event === 'site');
    await control().insert(event('secret-1', 'restricted'));
    await control().insert(event('plain-1', 'internal'));
    const seenByAdmin = await admin.next(
      (m) => m.event === 'event' && (m.data as { event: { id: string } }).event.id === 'plain-1',
    );
    expect(seenByAdmin.data).toMatchObject({
      site: SITE,
      event: { id: 'plain-1', topic: 'lighting/fault' },
    });
    expect(
      admin.seen.some((m) => m.event === 'event' && JSON.stringify(m.data).includes('secret-1')),
    ).toBe(true);
    await operator.next((m) => m.event === 'event');
    await control().insert({
      _id: 'outcome/c1',
      type: 'command-outcome',
      commandId: 'c1',
      status: 'applied',
      value: 40,
      ts: '2026-11-28T10:00:01.000Z',
    });
    const outcome = await operator.next((m) => m.event === 'outcome');
    expect(outcome.data).toEqual({
      site: SITE,
      outcome: {
        type: 'command-outcome',
        commandId: 'c1',
        status: 'applied',
        value: 40,
        ts: '2026-11-28T10:00:01.000Z',
      },
    });
    // Events are sent in feed order, so the restricted one came before the outcome if at all.
    const operatorEvents = operator.seen.filter((m) => m.event === 'event');
    expect(operatorEvents.map((m) => (m.data as { event: { id: string } }).event.id)).toEqual([
      'plain-1',
    ]);
    await admin.cancel();
    await operator.cancel();
  });

  test('sends the events raised at the hub (by its plugins) as site `hub`, within clearance', async () => {
    const operator = await open(operatorToken);
    await operator.next((m) => m.event === 'site');
    const hubControl = t.hub.parts.couch.db<Record<string, unknown>>(HUB_CONTROL_DB);
    const raised = (id: string, dataClass: string) => {
      const { site: _site, ...rest } = event(id, dataClass);
      return { ...rest, topic: 'incident/flooding/opened', source: 'plugin:com.example.x' };
    };
    await hubControl.insert(raised('hub-secret', 'restricted'));
    await hubControl.insert(raised('hub-plain', 'internal'));
    const seen = await operator.next((m) => m.event === 'event');
    expect(seen.data).toMatchObject({
      site: 'hub',
      event: { id: 'hub-plain', topic: 'incident/flooding/opened' },
    });
    await operator.cancel();
  });

  test('sends an app as the REST route shows it when its install record or report changes, to readers of installs only', async () => {
    const PLUGIN = 'com.example.live-lamps';
    const operator = await open(operatorToken);
    const technician = await open(technicianToken);
    await operator.next((m) => m.event === 'site');
    await technician.next((m) => m.event === 'site');
    const plugin = { id: PLUGIN, version: '1.0.0', digest: 'sha256-one' };
    await control().insert({
      _id: `app-install/${PLUGIN}`,
      type: 'app-install',
      site: SITE,
      plugin,
      permissions: [],
      config: { level: 40 },
      state: 'active',
      consent: { by: 'admin', at: '2026-11-28T10:00:00.000Z' },
      updatedAt: '2026-11-28T10:00:00.000Z',
    });
    type App = { site: string; plugin: string; install: unknown; status: { state: string } | null };
    const wanted = await operator.next((m) => m.event === 'app');
    expect(wanted.data).toMatchObject({
      site: SITE,
      plugin: PLUGIN,
      install: { plugin, state: 'active' },
      status: null,
    });
    await control().insert({
      _id: `plugin-status/${PLUGIN}`,
      type: 'plugin-status',
      plugin,
      state: 'quarantined',
      faults: 2,
      lastError: { code: 'timeout', message: 'ran past its deadline' },
      updatedAt: '2026-11-28T10:00:05.000Z',
    });
    const reported = await operator.next(
      (m) => m.event === 'app' && (m.data as App).status?.state === 'quarantined',
    );
    const rest = await t.call(`/api/sites/${SITE}/apps/${PLUGIN}`);
    expect(rest.status).toBe(200);
    expect(reported.data).toEqual({ site: SITE, plugin: PLUGIN, ...(await rest.json()) });
    expect(reported.data).toMatchObject({ status: { current: true, faults: 2 } });
    // Messages come in feed order: an event written after the report reaches the technician
    // after any app message would have.
    await control().insert(event('after-app', 'internal'));
    await technician.next(
      (m) => m.event === 'event' && (m.data as { event: { id: string } }).event.id === 'after-app',
    );
    expect(technician.seen.filter((m) => m.event === 'app')).toEqual([]);
    await operator.cancel();
    await technician.cancel();
  });

  test("sends the hub's own apps as site `hub`", async () => {
    const PLUGIN = 'com.example.live-hub-app';
    const operator = await open(operatorToken);
    await operator.next((m) => m.event === 'site');
    await t.hub.parts.couch.db<Record<string, unknown>>(HUB_CONTROL_DB).insert({
      _id: `plugin-status/${PLUGIN}`,
      type: 'plugin-status',
      plugin: { id: PLUGIN, version: '0.1.0', digest: 'sha256-hub' },
      state: 'active',
      updatedAt: '2026-11-28T10:00:00.000Z',
    });
    const seen = await operator.next(
      (m) => m.event === 'app' && (m.data as { plugin: string }).plugin === PLUGIN,
    );
    // A report with no install record: shown, never `current`.
    expect(seen.data).toMatchObject({
      site: 'hub',
      install: null,
      status: { state: 'active', current: false },
    });
    await operator.cancel();
  });

  test('one follower serves every client, and it stops with the last', async () => {
    const a = await open(t.adminToken);
    const b = await open(t.adminToken);
    await a.next((m) => m.event === 'site');
    await b.next((m) => m.event === 'site');
    expect(t.hub.parts.live.clients).toBe(2);
    await a.cancel();
    await b.cancel();
  });

  test('closing the hub ends the streams', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-live-'));
    try {
      const hub = await startHub({ port: 0, dataDir: dir });
      const login = await fetch(`${hub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: hub.admin!.id, password: hub.admin!.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const res = await fetch(`${hub.url}/api/live`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const live = new SseReader(res.body!);
      await live.next((m) => m.event === 'retry');
      await hub.close();
      await live.end();
      expect(live.ended).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
