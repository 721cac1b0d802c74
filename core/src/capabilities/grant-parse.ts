/**
 * @module Reads a manifest's `permissions` defensively into the compiled parts of a grant,
 * collecting every problem with its JSON path instead of stopping at the first.
 */
import type { Issue } from '@heng/schemas';
import type { HttpRoute, Permission, Schedule } from './grant-types.ts';
import { type HostRule, parseHostRule } from './hosts.ts';
import { patternProblem, pointPatternProblem } from './pattern.ts';

export interface CommandRuleSource {
  readonly index: number;
  readonly points: readonly string[];
  readonly rate: { readonly count: number; readonly perSeconds: number };
}

/** Everything a grant needs, validated. */
export interface GrantParts {
  readPoints: string[];
  commandRules: CommandRuleSource[];
  publishTopics: string[];
  subscribeTopics: string[];
  hosts: HostRule[];
  storageQuotaBytes: number;
  routes: HttpRoute[];
  schedules: Schedule[];
  panels: string[];
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ROUTE_SEGMENT = /^(?::[A-Za-z][A-Za-z0-9_]*|[A-Za-z0-9._~-]+)$/;
const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const DEFAULT_QUOTA_KIB = 1024;
const MAX_QUOTA_KIB = 65536;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(o, key) ? o[key] : undefined;
const count = (v: unknown, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max;

/** Reads `permissions`; problems go to `issues` and the faulty entry is left out. */
export function parsePermissions(permissions: unknown, issues: Issue[]): GrantParts {
  const parts: GrantParts = {
    readPoints: [],
    commandRules: [],
    publishTopics: [],
    subscribeTopics: [],
    hosts: [],
    storageQuotaBytes: 0,
    routes: [],
    schedules: [],
    panels: [],
  };
  if (permissions === undefined) return parts;
  if (!Array.isArray(permissions)) {
    issues.push({ path: '/permissions', message: 'must be an array' });
    return parts;
  }
  for (const [i, entry] of permissions.entries()) {
    const at = `/permissions/${i}`;
    if (!isRecord(entry)) {
      issues.push({ path: at, message: 'must be an object' });
      continue;
    }
    const problem = (field: string, message: string) =>
      issues.push({ path: `${at}/${field}`, message });
    const list = (field: string, check: (v: unknown) => string | undefined): string[] => {
      const value = own(entry, field);
      if (!Array.isArray(value)) {
        problem(field, 'must be an array');
        return [];
      }
      return value.filter((v: unknown, j) => {
        const p = check(v);
        if (p) problem(`${field}/${j}`, p);
        return !p;
      }) as string[];
    };
    const capability = own(entry, 'capability') as Permission['capability'] | undefined;
    switch (capability) {
      case 'telemetry:read':
        parts.readPoints.push(...list('points', pointPatternProblem));
        break;
      case 'command:write': {
        const points = list('points', pointPatternProblem);
        const rate = own(entry, 'rate');
        if (
          !isRecord(rate) ||
          !count(own(rate, 'count'), 1e9) ||
          !count(own(rate, 'perSeconds'), 1e9)
        ) {
          problem('rate', 'must be { count, perSeconds }, both integers >= 1');
          break;
        }
        const r = { count: rate['count'] as number, perSeconds: rate['perSeconds'] as number };
        parts.commandRules.push({ index: i, points, rate: Object.freeze(r) });
        break;
      }
      case 'storage': {
        const quota = own(entry, 'quotaKiB') ?? DEFAULT_QUOTA_KIB;
        if (!count(quota, MAX_QUOTA_KIB))
          problem('quotaKiB', `must be an integer 1..${MAX_QUOTA_KIB}`);
        else parts.storageQuotaBytes = Math.max(parts.storageQuotaBytes, quota * 1024);
        break;
      }
      case 'http:route':
        parts.routes.push(...parseRoutes(own(entry, 'routes'), `${at}/routes`, issues));
        break;
      case 'net:fetch':
        for (const source of list('hosts', (h) => {
          const rule = parseHostRule(h);
          return typeof rule === 'string' ? rule : undefined;
        })) {
          parts.hosts.push(parseHostRule(source) as HostRule);
        }
        break;
      case 'events:publish':
        parts.publishTopics.push(...list('topics', patternProblem));
        break;
      case 'events:subscribe':
        parts.subscribeTopics.push(...list('topics', patternProblem));
        break;
      case 'schedule':
        parts.schedules.push(...parseSchedules(own(entry, 'schedules'), `${at}/schedules`, issues));
        break;
      case 'ui:panel':
        parts.panels.push(
          ...list('panels', (p) =>
            typeof p === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(p)
              ? undefined
              : 'must be a panel id (a-z, 0-9, -)',
          ),
        );
        break;
      default:
        problem('capability', `unknown capability ${JSON.stringify(capability)}`);
    }
  }
  return parts;
}

function parseRoutes(value: unknown, at: string, issues: Issue[]): HttpRoute[] {
  if (!Array.isArray(value)) {
    issues.push({ path: at, message: 'must be an array' });
    return [];
  }
  const routes: HttpRoute[] = [];
  for (const [j, route] of value.entries()) {
    const method = isRecord(route) ? own(route, 'method') : undefined;
    const path = isRecord(route) ? own(route, 'path') : undefined;
    if (typeof method !== 'string' || !METHODS.has(method)) {
      issues.push({
        path: `${at}/${j}/method`,
        message: `must be one of ${[...METHODS].join(', ')}`,
      });
    } else if (typeof path !== 'string' || !routePathValid(path)) {
      issues.push({
        path: `${at}/${j}/path`,
        message: "must be a path like '/reports/:id' (segments of A-Z a-z 0-9 . _ ~ - or :param)",
      });
    } else {
      routes.push(Object.freeze({ method: method as HttpRoute['method'], path }));
    }
  }
  return routes;
}

function routePathValid(path: string): boolean {
  if (path === '/') return true;
  if (!path.startsWith('/') || path.length > 256) return false;
  return path
    .slice(1)
    .split('/')
    .every((s) => ROUTE_SEGMENT.test(s) && s !== '.' && s !== '..');
}

function parseSchedules(value: unknown, at: string, issues: Issue[]): Schedule[] {
  if (!Array.isArray(value)) {
    issues.push({ path: at, message: 'must be an array' });
    return [];
  }
  const schedules: Schedule[] = [];
  for (const [j, s] of value.entries()) {
    const name = isRecord(s) ? own(s, 'name') : undefined;
    const every = isRecord(s) ? own(s, 'everySeconds') : undefined;
    if (typeof name !== 'string' || !NAME.test(name)) {
      issues.push({
        path: `${at}/${j}/name`,
        message: 'must be 1..64 characters of a-z 0-9 -, starting with a letter',
      });
    } else if (!count(every, 604_800)) {
      issues.push({
        path: `${at}/${j}/everySeconds`,
        message: 'must be an integer 1..604800 (7 days)',
      });
    } else {
      schedules.push(Object.freeze({ name, everySeconds: every }));
    }
  }
  return schedules;
}
