/**
 * @module Permissions in plain words: which points a plugin may read or command and how often,
 * which hosts it may reach, which topics, schedules, routes and panels, in the shell's language.
 */
import type { Permission } from '@heng/schemas';
import { getLocale, t } from '../i18n/index.ts';
import './permission-messages.ts';

/** Joins words as the language does: "a, b and c", "a、b和c". */
export function listWords(words: readonly string[]): string {
  return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(words);
}

/**
 * A point pattern in words.
 * @example pointWords('+/+/dimming') // 'point “dimming” of every device at every site'
 */
export function pointWords(pattern: string): string {
  const [site, device, point] = pattern.split('/');
  if (site === '#' || site === undefined) return t('perm.point.any');
  if (device === '#' || device === undefined) return t('perm.point.all-at-site', { site });
  const part = (kind: 'point' | 'device' | 'site', name: string | undefined) =>
    name === '+' || name === '#' || name === undefined
      ? t(`perm.point.every-${kind}`)
      : t(`perm.point.named-${kind}`, { name });
  return t('perm.point.one', {
    site: part('site', site),
    device: part('device', device),
    point: part('point', point),
  });
}

/** A topic pattern in words: "#" is every topic; others are shown as written. */
export function topicWords(topic: string): string {
  return topic === '#' ? t('perm.topic.any') : t('perm.topic.one', { topic });
}

/** A host pattern in words: `*.example.com` is any subdomain of example.com. */
export function hostWords(host: string): string {
  return host.startsWith('*.') ? t('perm.host.sub', { host: host.slice(2) }) : host;
}

/** A window of seconds in words: 60 → "minute", 300 → "5 minutes", 45 → "45 seconds". */
export function windowWords(seconds: number): string {
  const units: Array<[number, string]> = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return n === 1 ? t(`perm.time.${unit}`) : t(`perm.time.${unit}s`, { n });
    }
  }
  return seconds === 1 ? t('perm.time.second') : t('perm.time.seconds', { n: seconds });
}

/** A storage quota in words, in MiB when it is a whole number of them. */
export function sizeWords(kib: number): string {
  return kib % 1024 === 0 ? t('perm.size.mib', { n: kib / 1024 }) : t('perm.size.kib', { n: kib });
}

/** The capability's title, e.g. "Send commands to field devices". */
export function permissionTitle(capability: string): string {
  const key = `perm.title.${capability}`;
  const text = t(key);
  return text === key ? capability : text;
}

/** The one sentence that says what a permission allows (the vendor's reason is separate). */
export function describePermission(p: Permission): string {
  const say = (params: Record<string, string | number>) => t(`perm.say.${p.capability}`, params);
  switch (p.capability) {
    case 'telemetry:read':
      return say({ points: listWords(p.points.map(pointWords)) });
    case 'command:write':
      return say({
        points: listWords(p.points.map(pointWords)),
        count: p.rate.count,
        window: windowWords(p.rate.perSeconds),
      });
    case 'storage':
      return say({ size: sizeWords(p.quotaKiB ?? 1024) });
    case 'http:route':
      return say({
        routes: listWords(
          p.routes.map((r) => t('perm.route.one', { method: r.method, path: r.path })),
        ),
      });
    case 'net:fetch':
      return say({ hosts: listWords(p.hosts.map(hostWords)) });
    case 'events:publish':
    case 'events:subscribe':
      return say({ topics: listWords(p.topics.map(topicWords)) });
    case 'schedule':
      return say({
        schedules: listWords(
          p.schedules.map((s) =>
            t('perm.schedule.one', { name: s.name, window: windowWords(s.everySeconds) }),
          ),
        ),
      });
    case 'ui:panel':
      return say({ panels: listWords(p.panels) });
  }
}

/**
 * One atom of the hub's permission difference (hub/src/catalog/permission-diff.ts labels) in
 * words: `+/+/dimming at 30/60s`, `quota 2048 KiB`, `dimming every 60s`, `GET /status`, a topic,
 * a host or a panel. A label this does not recognise is shown as the hub wrote it.
 */
export function atomWords(capability: string, atom: string): string {
  switch (capability) {
    case 'telemetry:read':
      return pointWords(atom);
    case 'command:write': {
      const m = /^(.+) at (\d+)\/(\d+)s$/.exec(atom);
      if (!m) return atom;
      return t('perm.rate.at', {
        points: pointWords(m[1] ?? ''),
        count: Number(m[2]),
        window: windowWords(Number(m[3])),
      });
    }
    case 'storage': {
      const m = /^quota (\d+) KiB$/.exec(atom);
      return m ? sizeWords(Number(m[1])) : atom;
    }
    case 'schedule': {
      const m = /^(.+) every (\d+)s$/.exec(atom);
      return m
        ? t('perm.schedule.one', { name: m[1] ?? '', window: windowWords(Number(m[2])) })
        : atom;
    }
    case 'net:fetch':
      return hostWords(atom);
    case 'events:publish':
    case 'events:subscribe':
      return topicWords(atom);
    default:
      return atom;
  }
}
