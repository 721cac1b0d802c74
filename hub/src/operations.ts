/**
 * @module Every operation of the hub's API, for the OpenAPI document; `app.test.ts` checks that
 * the app serves exactly these.
 */
import type { Operation } from './api/openapi.ts';
import { CATALOG_OPERATIONS } from './catalog/index.ts';
import { LIVE_OPERATIONS } from './live/index.ts';
import { WATCH_OPERATIONS } from './watch/index.ts';

const GENERAL: Operation[] = [
  { method: 'get', path: '/api/openapi.json', summary: 'This document', ok: [200, 'OpenAPI 3.1'] },
  {
    method: 'get',
    path: '/api/health',
    summary: "The hub and its store; signed in, every site's sync state too",
    ok: [200, '{ ok, version, store, sites? }; 503 when the store is unreachable'],
  },
];

const PARTIES: Operation[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; returns a session token and sets the session cookie',
    body: 'login',
    ok: [200, '{ token, expiresAt, principal, abilities }'],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out: the session token stops working',
    ability: 'signed-in',
    ok: [204, 'signed out'],
  },
  {
    method: 'get',
    path: '/api/me',
    summary: 'Who is signed in, and what they may do',
    ability: 'signed-in',
    ok: [200, '{ principal, abilities }'],
  },
  {
    method: 'get',
    path: '/api/organisations',
    summary: 'List organisations',
    ability: 'parties:read',
    ok: [200, '{ organisations }'],
  },
  {
    method: 'post',
    path: '/api/organisations',
    summary: 'Create an organisation',
    ability: 'parties:write',
    body: 'organisation',
    ok: [201, '{ organisation }'],
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'List users',
    ability: 'parties:read',
    ok: [200, '{ users }'],
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Create a user; a generated password is returned once',
    ability: 'parties:write',
    body: 'user',
    ok: [201, '{ user, password? }'],
  },
  {
    method: 'patch',
    path: '/api/users/:id',
    summary: "Change a user's roles, clearance, organisation or disabled flag",
    ability: 'parties:write',
    body: 'user-update',
    ok: [200, '{ user }'],
  },
  {
    method: 'put',
    path: '/api/users/:id/password',
    summary: 'Change a password (the user, or an administrator)',
    ability: 'signed-in',
    body: 'password-change',
    ok: [204, 'changed; other sessions are signed out'],
  },
];

const SITE = '/api/sites/:site';
const SITES: Operation[] = [
  {
    method: 'post',
    path: '/api/sites',
    summary: 'Register a site: its databases and its edge token (shown once)',
    ability: 'sites:write',
    body: 'site',
    ok: [201, '{ site, edgeToken }'],
  },
  {
    method: 'get',
    path: '/api/sites',
    summary: 'Sites the caller may see, with sync state',
    ability: 'sites:read',
    ok: [200, '{ sites }'],
  },
  {
    method: 'get',
    path: SITE,
    summary: 'One site with its sync state',
    ability: 'sites:read',
    ok: [200, 'site'],
  },
  {
    method: 'post',
    path: `${SITE}/token`,
    summary: "Replace the site's edge token; the old one stops working",
    ability: 'sites:write',
    ok: [201, '{ edgeToken }'],
  },
  {
    method: 'post',
    path: `${SITE}/commands`,
    summary:
      'Send a command to a point; the edge checks it against the device and writes the outcome',
    ability: 'commands:write',
    body: 'command-request',
    ok: [202, '{ command }'],
  },
  {
    method: 'get',
    path: `${SITE}/commands/:command`,
    summary: 'A command and its outcome (null until the edge answers)',
    ability: 'sites:read',
    ok: [200, '{ command, outcome }'],
  },
  {
    method: 'get',
    path: `${SITE}/events`,
    summary: 'Events raised at the site, newest first',
    ability: 'events:read',
    query: { limit: '1..500, default 50' },
    ok: [200, '{ events }'],
  },
  {
    method: 'get',
    path: '/api/hub/events',
    summary: 'Events raised at the hub by its plugins, newest first',
    ability: 'events:read',
    query: { limit: '1..500, default 50' },
    ok: [200, '{ events }'],
  },
  {
    method: 'get',
    path: `${SITE}/telemetry`,
    summary: 'Telemetry batches page by page, in flush-time order (batch ids), newest first',
    ability: 'telemetry:read',
    query: {
      limit: '1..1000, default 20',
      order: 'desc (default, newest first) or asc',
      cursor: "the 'next' of the previous page: continues after that batch",
      device: 'only this device',
      since: 'ISO time: batches flushed at or after it',
      until: 'ISO time: batches flushed before it',
    },
    ok: [200, '{ batches: [{ id, device, from, to, count, readings, … }], next: cursor | null }'],
  },
];

const AUDIT: Operation[] = [
  {
    method: 'get',
    path: '/api/audit',
    summary: 'The audit log, newest first, filtered and paged',
    ability: 'audit:read',
    query: {
      actor: 'user:<id>, edge:<site>, hub',
      action: 'e.g. site.register',
      target: 'e.g. site/lighting-01',
      outcome: 'ok, refused or failed',
      since: 'ISO time',
      until: 'ISO time',
      limit: '1..500',
      before: "seq: the previous page's next",
    },
    ok: [200, '{ entries, next? }'],
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    summary: "Checks the audit log's hash chain",
    ability: 'audit:read',
    ok: [200, '{ ok, entries } or { ok: false, seq, reason }'],
  },
];

export const HUB_OPERATIONS: readonly Operation[] = [
  ...GENERAL,
  ...PARTIES,
  ...SITES,
  ...CATALOG_OPERATIONS.map((op) => ({ ...op, path: `/api${op.path}` })),
  ...WATCH_OPERATIONS.map((op) => ({ ...op, path: `/api${op.path}` })),
  ...AUDIT,
  ...LIVE_OPERATIONS,
];
