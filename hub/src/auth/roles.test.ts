import { describe, expect, test } from 'vitest';
import {
  ABILITIES,
  abilitiesOf,
  can,
  effectiveClearance,
  mayActAtSite,
  ROLE_ABILITIES,
  siteAccess,
} from './roles.ts';
import type { Ability, Principal, Role } from './types.ts';

// The matrix as a reader checks it: one row per ability, one column per role.
// prettier-ignore
const MATRIX: Array<[Ability, string]> = [
  //                   admin oper tech vend view edge
  ['sites:read', 'x     x    x    .    x    .'],
  ['sites:write', 'x     .    .    .    .    .'],
  ['devices:read', 'x     x    x    .    x    .'],
  ['telemetry:read', 'x     x    x    .    x    .'],
  ['events:read', 'x     x    x    .    x    .'],
  ['commands:write', 'x     x    x    .    .    .'],
  ['catalog:read', 'x     .    .    x    x    .'],
  ['catalog:publish', 'x     .    .    x    .    .'],
  ['catalog:revoke', 'x     .    .    .    .    .'],
  ['installs:read', 'x     x    .    .    .    .'],
  ['installs:write', 'x     .    .    .    .    .'],
  ['audit:read', 'x     .    .    .    .    .'],
  ['parties:read', 'x     .    .    .    .    .'],
  ['parties:write', 'x     .    .    .    .    .'],
  ['sync', '.     .    .    .    .    x'],
];
const COLUMNS: Role[] = ['administrator', 'operator', 'technician', 'vendor', 'viewer', 'edge'];

describe('the role matrix', () => {
  test('covers every ability exactly once', () => {
    expect(MATRIX.map(([a]) => a).sort()).toEqual([...ABILITIES].sort());
  });

  test.each(MATRIX)('%s is granted to exactly the marked roles', (ability, row) => {
    const marks = row.split(/\s+/);
    COLUMNS.forEach((role, i) => {
      expect([role, can({ roles: [role] }, ability)]).toEqual([role, marks[i] === 'x']);
    });
  });

  test('a principal with several roles has the union of their abilities', () => {
    const both = abilitiesOf(['vendor', 'viewer']);
    expect(both).toEqual(new Set([...ROLE_ABILITIES.vendor, ...ROLE_ABILITIES.viewer]));
  });
});

describe('acting at a site', () => {
  const person = (roles: Role[], organisation: string): Principal => ({
    kind: 'user',
    id: 'p',
    roles,
    organisation,
    clearance: 'internal',
  });
  const ours = { id: 'lighting-01', organisation: 'lighting-office' };
  const theirs = { id: 'pumping-01', organisation: 'water-works' };

  test("lets a technician command only its organisation's sites", () => {
    const tech = person(['technician'], 'lighting-office');
    expect(mayActAtSite(tech, 'commands:write', ours)).toBe(true);
    expect(mayActAtSite(tech, 'commands:write', theirs)).toBe(false);
    expect(mayActAtSite(tech, 'devices:read', { id: 'no-org' })).toBe(false);
  });

  test('lets an operator act at every site', () => {
    expect(mayActAtSite(person(['operator'], 'elsewhere'), 'commands:write', theirs)).toBe(true);
  });

  test('lets an edge sync its own site only', () => {
    const edge: Principal = {
      kind: 'edge',
      id: 'lighting-01',
      roles: ['edge'],
      clearance: 'secret',
      site: 'lighting-01',
    };
    expect(mayActAtSite(edge, 'sync', ours)).toBe(true);
    expect(mayActAtSite(edge, 'sync', theirs)).toBe(false);
    expect(mayActAtSite(edge, 'commands:write', ours)).toBe(false);
  });
});

describe('what a principal may do at a place', () => {
  const person = (roles: Role[], clearance: Principal['clearance']): Principal => ({
    kind: 'user',
    id: 'p',
    roles,
    organisation: 'lighting-office',
    clearance,
  });
  const secretSite = { id: 's', organisation: 'water-works', dataClass: 'secret' as const };
  const publicSite = { id: 'p', organisation: 'water-works', dataClass: 'public' as const };

  test('hides a site above the caller’s clearance, whatever its abilities', () => {
    expect(siteAccess(person(['operator'], 'internal'), 'installs:read', secretSite)).toBe(
      'hidden',
    );
    expect(siteAccess(person(['operator'], 'secret'), 'installs:read', secretSite)).toBe('allowed');
  });

  test("hides another organisation's site from a technician, and the hub (of no organisation)", () => {
    expect(siteAccess(person(['technician'], 'secret'), 'telemetry:read', publicSite)).toBe(
      'hidden',
    );
    expect(siteAccess(person(['technician'], 'secret'), 'events:read', { id: 'hub' })).toBe(
      'hidden',
    );
  });

  test('denies (403) an organisation-bound ability at a site seen through another role', () => {
    const both = person(['viewer', 'technician'], 'secret');
    expect(siteAccess(both, 'events:read', publicSite)).toBe('allowed');
    expect(siteAccess(both, 'commands:write', publicSite)).toBe('denied');
  });

  test('hides a place that does not exist', () => {
    expect(siteAccess(person(['administrator'], 'secret'), 'sites:read', undefined)).toBe('hidden');
  });
});

describe('clearance', () => {
  test('caps a viewer at public data whatever clearance it was given', () => {
    expect(effectiveClearance(['viewer'], 'secret')).toBe('public');
  });
  test("keeps a person's own clearance below their roles' ceiling", () => {
    expect(effectiveClearance(['operator'], 'restricted')).toBe('restricted');
    expect(effectiveClearance(['viewer', 'operator'], 'secret')).toBe('secret');
  });
});
