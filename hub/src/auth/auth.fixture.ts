/**
 * @module Test set-up for auth: a store of `STORE_TARGETS`, a fresh registry and audit database
 * per test, a hand-driven clock, and a few parties.
 */
import { ManualClock } from '@heng/core';
import { CouchAuditLog } from '../audit/index.ts';
import { type StoreTarget, uniqueDbName } from '../couch/targets.fixture.ts';
import { HubAuth } from './hub-auth.ts';

export type TestStore = Awaited<ReturnType<StoreTarget['open']>>;

export interface AuthWorld {
  auth: HubAuth;
  audit: CouchAuditLog;
  clock: ManualClock;
  /** Passwords of the users made by `withParties`. */
  passwords: Record<string, string>;
}

/** A HubAuth over fresh databases; `cacheMs` as HubAuth takes it. */
export async function authWorld(store: TestStore, cacheMs?: number): Promise<AuthWorld> {
  const clock = new ManualClock(Date.parse('2026-03-01T08:00:00Z'));
  const audit = await CouchAuditLog.open(store.couch, { db: uniqueDbName('audit'), clock });
  const auth = await HubAuth.open(store.couch, {
    audit,
    clock,
    db: uniqueDbName('hub'),
    ...(cacheMs !== undefined ? { cacheMs } : {}),
  });
  return { auth, audit, clock, passwords: {} };
}

/**
 * Two organisations and one user per role: `admin`, `oper`, `tech` (of lighting-office),
 * `vendor` (of xiangjiang), `viewer`.
 */
export async function withParties(world: AuthWorld): Promise<AuthWorld> {
  const { parties } = world.auth;
  await parties.createOrganisation({
    id: 'lighting-office',
    name: 'Lighting Office',
    kind: 'department',
  });
  await parties.createOrganisation({
    id: 'xiangjiang',
    name: 'Xiangjiang Lighting',
    kind: 'enterprise',
  });
  const people = [
    { id: 'admin', roles: ['administrator'], organisation: 'lighting-office', clearance: 'secret' },
    { id: 'oper', roles: ['operator'], organisation: 'lighting-office', clearance: 'restricted' },
    { id: 'tech', roles: ['technician'], organisation: 'lighting-office', clearance: 'internal' },
    { id: 'vendor', roles: ['vendor'], organisation: 'xiangjiang', clearance: 'internal' },
    { id: 'viewer', roles: ['viewer'], organisation: 'lighting-office', clearance: 'secret' },
  ] as const;
  await Promise.all(
    people.map((p) => {
      world.passwords[p.id] = `${p.id}-password-long`;
      return parties.createUser({ ...p, roles: [...p.roles], name: p.id }, world.passwords[p.id]!);
    }),
  );
  return world;
}
