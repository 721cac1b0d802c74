/**
 * Trust boundaries of the API as a generated matrix: every route of the route table
 * (operations.ts) × every kind of caller (each role, an edge token, a resident, anonymous) × the
 * caller's organisation (the site's or another) × the site's data class × the caller's
 * clearance. The expected answer of each case is computed from the role → ability table and the
 * clearance rules (`ROLE_ABILITIES`, `ORGANISATION_BOUND_ROLES`, `ROLE_CLEARANCE_CEILING`), not
 * listed by hand; a route the table cannot place fails, saying so.
 */
import type { DataClass } from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Operation } from './api/openapi.ts';
import {
  DATA_CLASSES,
  ORGANISATION_BOUND_ROLES,
  type Principal,
  ROLE_ABILITIES,
  ROLE_CLEARANCE_CEILING,
  type Role,
} from './auth/index.ts';
import { HUB_CONTROL_DB, siteDbName } from './couch/index.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';
import type { SseClient } from './live/sse.ts';
import { HUB_OPERATIONS } from './operations.ts';

type PersonRole = Exclude<Role, 'edge'>;
const PERSON_ROLES: PersonRole[] = ['administrator', 'operator', 'technician', 'vendor', 'viewer'];
const ORG = 'org-a';
const OTHER_ORG = 'org-b';
const siteOf = (dataClass: DataClass) => `site-${dataClass}`;
const MISSING = 'nowhere-01';

// ── What a route acts on, as this test reads the route table ─────────────────────────────────

/** Routes that act at no site, and why; a route of neither kind fails the matrix. */
const NO_PLACE = new Set([
  'GET /api/openapi.json',
  'GET /api/health', // its site list is filtered like GET /api/sites: checked below
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'GET /api/organisations',
  'POST /api/organisations',
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/:id',
  'PUT /api/users/:id/password',
  'POST /api/sites', // registers a site: sites:write anywhere
  'GET /api/sites', // a list, filtered by the same rule: checked below
  'GET /api/catalog/keys',
  'POST /api/catalog/keys',
  'DELETE /api/catalog/keys/:keyId',
  'POST /api/catalog/packages',
  'GET /api/catalog/packages',
  'GET /api/catalog/packages/:id/:version',
  'GET /api/catalog/packages/:id/:version/config-validator.js',
  'POST /api/catalog/packages/:id/:version/revoke', // reaches every place by design
  'GET /api/audit',
  'GET /api/audit/verify',
  'GET /api/live', // what it sends is a matrix of its own, below
]);
/** Routes whose place is in the body. */
const BODY_PLACE: Record<string, (site: string) => unknown> = {
  'POST /api/installs': (site) => ({
    sites: [site],
    plugin: { id: 'com.example.none', version: '1.0.0' },
    consent: { permissions: [] },
  }),
};
/** Routes of a site that take the hub (`hub`) as their place too. */
const HUB_TOO = /^\/api\/sites\/:site\/(apps|crashes)(\/|$)/;

type Place = { kind: 'none' } | { kind: 'path' | 'body'; hub: boolean } | { kind: 'hub' };
function placeOfRoute(op: Operation): Place {
  const key = `${op.method.toUpperCase()} ${op.path}`;
  if (NO_PLACE.has(key)) return { kind: 'none' };
  if (key in BODY_PLACE) return { kind: 'body', hub: true };
  if (op.path.includes('/:site')) return { kind: 'path', hub: HUB_TOO.test(op.path) };
  if (op.path.startsWith('/api/hub/')) return { kind: 'hub' };
  throw new Error(
    `${key}: the access matrix has no expectation for it; say whether it acts at a site (a :site parameter, the body) or at none (NO_PLACE)`,
  );
}

// ── Callers and places ──────────────────────────────────────────────────────────────────────

interface Caller {
  name: string;
  kind: 'person' | 'edge' | 'anonymous';
  role?: PersonRole;
  organisation?: string;
  clearance?: DataClass;
  /** For an edge: the site whose edge it is. */
  edgeOf?: string;
}

const PEOPLE: Caller[] = PERSON_ROLES.flatMap((role) =>
  [ORG, OTHER_ORG].flatMap((organisation) =>
    DATA_CLASSES.map((clearance) => ({
      name: `${role.slice(0, 5)}-${organisation === ORG ? 'a' : 'b'}-${clearance}`,
      kind: 'person' as const,
      role,
      organisation,
      clearance,
    })),
  ),
);
/** A resident has no account at the hub (residents use the pages hub apps serve): no token. */
const NOBODY: Caller[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'resident', kind: 'anonymous' },
];
/** An edge token of the site in question (of one of ours where it is no site), and one of another. */
const edgesFor = (site: string): Caller[] => {
  const own = site.startsWith('site-') ? site : siteOf('internal');
  return [
    { name: `edge-of-${own}`, kind: 'edge', edgeOf: own },
    { name: 'edge-of-elsewhere', kind: 'edge', edgeOf: 'elsewhere-01' },
  ];
};

interface PlaceTarget {
  id: string;
  /** Facts the rule weighs; undefined when the place does not exist for this route. */
  facts?: { organisation?: string; dataClass: DataClass };
}

function targetsOf(place: Place): PlaceTarget[] {
  if (place.kind === 'none') return [{ id: '' }];
  if (place.kind === 'hub') return [{ id: 'hub', facts: { dataClass: 'public' } }];
  return [
    ...DATA_CLASSES.map((dataClass) => ({
      id: siteOf(dataClass),
      facts: { organisation: ORG, dataClass },
    })),
    // The hub is a place of its own (public, of no organisation) where the route takes it.
    { id: 'hub', ...(place.hub ? { facts: { dataClass: 'public' as DataClass } } : {}) },
    { id: MISSING },
  ];
}

// ── The rule, stated from the tables ─────────────────────────────────────────────────────────

type Answer = 'allowed' | 401 | 403 | 404;
const rank = (c: DataClass) => DATA_CLASSES.indexOf(c);

function expected(op: Operation, place: Place, caller: Caller, target: PlaceTarget): Answer {
  if (!op.ability) return 'allowed';
  if (caller.kind === 'anonymous') return 401;
  const roles: Role[] = caller.kind === 'edge' ? ['edge'] : [caller.role as PersonRole];
  const has = (ability: string) => roles.some((r) => ROLE_ABILITIES[r].some((a) => a === ability));
  if (op.ability === 'signed-in') {
    // Someone else's password ('nobody' here) is the administrator's to change.
    if (op.path === '/api/users/:id/password') return has('parties:write') ? 'allowed' : 403;
    return 'allowed';
  }
  if (!has(op.ability)) return 403;
  if (place.kind === 'none') return 'allowed';
  const facts = target.facts;
  if (!facts) return 404;
  // A person's clearance is their own, capped by their roles' ceiling; an edge holds secret.
  const clearance =
    caller.kind === 'edge'
      ? 'secret'
      : DATA_CLASSES[
          Math.min(rank(caller.clearance as DataClass), rank(ROLE_CLEARANCE_CEILING[roles[0]!]))
        ]!;
  const holdsAt = (ability: string) =>
    roles.some(
      (r) =>
        ROLE_ABILITIES[r].some((a) => a === ability) &&
        (!ORGANISATION_BOUND_ROLES.has(r) ||
          (facts.organisation !== undefined && facts.organisation === caller.organisation)),
    );
  if (rank(clearance) < rank(facts.dataClass) || !holdsAt('sites:read')) return 404;
  return holdsAt(op.ability) ? 'allowed' : 403;
}

// ── The hub ─────────────────────────────────────────────────────────────────────────────────

let t: TestHub;
const tokens = new Map<string, string>();
const edgeTokens = new Map<string, string>();
const adminPrincipal: Principal = {
  kind: 'user',
  id: 'admin',
  roles: ['administrator'],
  clearance: 'secret',
};

async function issueTokens(): Promise<void> {
  const { auth } = t.hub.parts;
  await Promise.all(
    PEOPLE.map(async (p) => {
      const current = tokens.get(p.name);
      if (current && (await auth.authenticator.authenticate(current))) return;
      tokens.set(p.name, (await auth.issueApiToken(p.name, { by: adminPrincipal })).token);
    }),
  );
  for (const site of [...DATA_CLASSES.map(siteOf), 'elsewhere-01']) {
    const current = edgeTokens.get(site);
    if (current && (await auth.authenticator.authenticate(current))) continue;
    edgeTokens.set(site, (await auth.issueEdgeToken(site)).token);
  }
}

beforeAll(async () => {
  t = await startTestHub();
  const { auth } = t.hub.parts;
  for (const id of [ORG, OTHER_ORG])
    await auth.parties.createOrganisation({ id, name: id, kind: 'department' });
  for (const dataClass of DATA_CLASSES) {
    const res = await t.call('/api/sites', {
      json: { id: siteOf(dataClass), name: dataClass, organisation: ORG, dataClass },
    });
    expect(res.status).toBe(201);
  }
  const elsewhere = await t.call('/api/sites', {
    json: { id: 'elsewhere-01', name: 'elsewhere', organisation: OTHER_ORG },
  });
  expect(elsewhere.status).toBe(201);
  await Promise.all(
    PEOPLE.map((p) =>
      auth.parties.createUser(
        {
          id: p.name,
          name: p.name,
          organisation: p.organisation as string,
          roles: [p.role as PersonRole],
          clearance: p.clearance as DataClass,
        },
        `${p.name} has a long password`,
      ),
    ),
  );
  await issueTokens();
}, 60_000);
afterAll(() => t?.close());

function requestOf(op: Operation, place: Place, target: PlaceTarget): [string, RequestInit] {
  const params: Record<string, string> = {
    site: target.id,
    plugin: 'com.example.none',
    panel: 'main',
    id: op.path.startsWith('/api/users') ? 'nobody' : 'none',
    version: '1.0.0',
  };
  const path = op.path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? 'none'),
  );
  const init: RequestInit = { method: op.method.toUpperCase(), headers: {} };
  const key = `${op.method.toUpperCase()} ${op.path}`;
  if (place.kind === 'body') {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(BODY_PLACE[key]?.(target.id));
  } else if (op.body) {
    // Not valid for any body schema: an allowed call stops at 400, having changed nothing.
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify({ notAField: true });
  } else if (op.binary) {
    init.headers = { 'content-type': op.binary };
    init.body = 'not a package';
  }
  return [path, init];
}

const siteMissing = (site: string) => `site ${site} is not registered`;

interface Case {
  op: Operation;
  place: Place;
  caller: Caller;
  target: PlaceTarget;
}

function casesOf(op: Operation): Case[] {
  const place = placeOfRoute(op);
  return targetsOf(place).flatMap((target) =>
    [...PEOPLE, ...edgesFor(target.id), ...NOBODY].map((caller) => ({
      op,
      place,
      caller,
      target,
    })),
  );
}

async function run({ op, place, caller, target }: Case): Promise<string | undefined> {
  const [path, init] = requestOf(op, place, target);
  const token =
    caller.kind === 'person'
      ? tokens.get(caller.name)
      : caller.kind === 'edge'
        ? edgeTokens.get(caller.edgeOf as string)
        : undefined;
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(`${t.hub.url}${path}`, { ...init, headers });
  const type = res.headers.get('content-type') ?? '';
  let body = '';
  if (type.includes('event-stream')) await res.body?.cancel();
  else body = await res.text();
  const message = type.includes('json')
    ? ((JSON.parse(body) as { error?: { message?: string } }).error?.message ?? '')
    : '';
  const want = expected(op, place, caller, target);
  const isSiteMissing = res.status === 404 && message === siteMissing(target.id);
  const got: Answer =
    res.status === 401 || res.status === 403
      ? res.status
      : isSiteMissing
        ? 404
        : res.status >= 500
          ? (res.status as never)
          : 'allowed';
  if (got === want) return undefined;
  return `${init.method} ${path} as ${caller.name} (${target.id || 'no place'}): expected ${want}, got ${res.status} ${message}`;
}

describe('the access matrix', () => {
  test('every route of the route table has an expectation', () => {
    for (const op of HUB_OPERATIONS) expect(() => placeOfRoute(op)).not.toThrow();
  });

  test('every route × role × organisation × data class × clearance answers as the tables say', async () => {
    const failures: string[] = [];
    let count = 0;
    for (const op of HUB_OPERATIONS) {
      const cases = casesOf(op);
      count += cases.length;
      // Edges and anonymous callers first: an administrator's call may rotate an edge's token.
      const people = cases.filter((c) => c.caller.kind === 'person');
      for (const batch of [cases.filter((c) => c.caller.kind !== 'person'), people])
        for (let i = 0; i < batch.length; i += 24)
          for (const failure of await Promise.all(batch.slice(i, i + 24).map(run)))
            if (failure) failures.push(failure);
      // Logging out and rotating a site's token end tokens the next routes need.
      await issueTokens();
    }
    expect(failures.slice(0, 40)).toEqual([]);
    expect(failures.length).toBe(0);
    expect(count).toBeGreaterThan(5000);
  }, 120_000);

  test('lists and health show exactly the sites a caller may read', async () => {
    const failures: string[] = [];
    for (const caller of PEOPLE) {
      if (!ROLE_ABILITIES[caller.role as PersonRole].includes('sites:read')) continue;
      const want = DATA_CLASSES.filter(
        (dataClass) =>
          expected(
            HUB_OPERATIONS.find((o) => o.path === '/api/sites/:site') as Operation,
            { kind: 'path', hub: false },
            caller,
            { id: siteOf(dataClass), facts: { organisation: ORG, dataClass } },
          ) === 'allowed',
      ).map(siteOf);
      const headers = { authorization: `Bearer ${tokens.get(caller.name)}` };
      const listed = (await (await fetch(`${t.hub.url}/api/sites`, { headers })).json()) as {
        sites: Array<{ id: string }>;
      };
      const health = (await (await fetch(`${t.hub.url}/api/health`, { headers })).json()) as {
        sites: Array<{ id: string }>;
      };
      const ours = (sites: Array<{ id: string }>) =>
        sites.map((s) => s.id).filter((id) => id.startsWith('site-'));
      if (JSON.stringify(ours(listed.sites)) !== JSON.stringify(want.sort()))
        failures.push(`${caller.name} lists ${ours(listed.sites)}, expected ${want}`);
      if (JSON.stringify(ours(health.sites)) !== JSON.stringify(want.sort()))
        failures.push(`${caller.name} sees in health ${ours(health.sites)}, expected ${want}`);
    }
    expect(failures).toEqual([]);
  });

  test('/api/me tells which abilities hold at the hub as a place (none of a technician’s)', async () => {
    const failures: string[] = [];
    for (const caller of PEOPLE) {
      const headers = { authorization: `Bearer ${tokens.get(caller.name)}` };
      const me = (await (await fetch(`${t.hub.url}/api/me`, { headers })).json()) as {
        abilities: string[];
        atHub: string[];
      };
      const want = me.abilities.filter(
        (ability) =>
          expected(
            {
              method: 'get',
              path: '/api/hub/x',
              summary: '',
              ability: ability as never,
              ok: [200, ''],
            },
            { kind: 'hub' },
            caller,
            { id: 'hub', facts: { dataClass: 'public' } },
          ) === 'allowed',
      );
      if (JSON.stringify(me.atHub) !== JSON.stringify(want))
        failures.push(`${caller.name}: atHub ${me.atHub}, expected ${want}`);
    }
    expect(failures).toEqual([]);
  });

  test('the live feed sends each caller what the REST routes of each place would show it', async () => {
    const { live, auth, couch } = t.hub.parts;
    // Whoever may read the live feed (sites:read anywhere) is a subscriber.
    const readers = PEOPLE.filter((p) =>
      ROLE_ABILITIES[p.role as PersonRole].includes('sites:read'),
    );
    type Got = Array<[string, string]>;
    const got = new Map<string, Got>();
    const unsubscribe: Array<() => void> = [];
    const clientFor = (into: Got): SseClient => ({
      send(event, data) {
        into.push([event, (data as { site: string }).site]);
      },
      close() {},
      closed: false,
    });
    for (const caller of readers) {
      const principal = await auth.authenticator.authenticate(tokens.get(caller.name) as string);
      const into: Got = [];
      got.set(caller.name, into);
      unsubscribe.push(await live.subscribe(principal as Principal, clientFor(into)));
    }
    const reference: Got = [];
    unsubscribe.push(await live.subscribe(adminPrincipal, clientFor(reference)));
    const places = [...DATA_CLASSES.map(siteOf), 'hub'];
    const writeAt = async (place: string, round: number) => {
      const db = couch.db<Record<string, unknown>>(
        place === 'hub' ? HUB_CONTROL_DB : siteDbName(place, 'control'),
      );
      const at = new Date().toISOString();
      const id = `m-${place}-${round}`;
      await db.insert({
        _id: `event/${at}/${id}`,
        type: 'event',
        id,
        topic: 'matrix/probe',
        source: 'test',
        ts: at,
        payload: {},
        dataClass: 'public',
      });
      await db.insert({
        _id: `outcome/${id}`,
        type: 'command-outcome',
        commandId: id,
        status: 'applied',
        ts: at,
      });
      const plugin = { id: `com.example.matrix${round}`, version: '1.0.0', digest: 'sha256-x' };
      await db.insert({
        _id: `plugin-status/${plugin.id}`,
        type: 'plugin-status',
        plugin,
        state: 'active',
        updatedAt: at,
      });
    };
    // The reference (an administrator cleared for secret) sees everything; a page is sent to
    // every subscriber at once, so once it has everything, everyone has what they will get.
    // The feeds start after the first poll round: what was written before one started is
    // written again.
    const kinds = ['event', 'outcome', 'app'] as const;
    const complete = () =>
      places.every((p) => kinds.every((k) => reference.some(([e, s]) => e === k && s === p)));
    for (let round = 0; round < 20 && !complete(); round++) {
      await Promise.all(places.map((p) => writeAt(p, round)));
      for (let waited = 0; waited < 20 && !complete(); waited++)
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(complete()).toBe(true);
    for (const stop of unsubscribe) stop();
    const failures: string[] = [];
    const need = {
      site: 'sites:read',
      event: 'events:read',
      outcome: 'sites:read',
      app: 'installs:read',
    };
    for (const caller of readers) {
      const received = new Set((got.get(caller.name) ?? []).map(([e, s]) => `${e} ${s}`));
      for (const place of places)
        for (const [kind, ability] of Object.entries(need)) {
          if (kind === 'site' && place === 'hub') continue; // the hub has no sync state
          const op: Operation = {
            method: 'get',
            path: '/api/sites/:site/x',
            summary: '',
            ability: ability as never,
            ok: [200, ''],
          };
          const target: PlaceTarget =
            place === 'hub'
              ? { id: 'hub', facts: { dataClass: 'public' } }
              : { id: place, facts: { organisation: ORG, dataClass: place.slice(5) as DataClass } };
          const want = expected(op, { kind: 'path', hub: true }, caller, target) === 'allowed';
          if (received.has(`${kind} ${place}`) !== want)
            failures.push(`${caller.name} ${want ? 'missed' : 'got'} ${kind} from ${place}`);
        }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
