/**
 * @module Which points a plugin's grant lets its panel read and command. The matcher is the core's
 * MQTT-style one (`+` one segment, `#` the rest, `a/#` matching `a`) written again here, because
 * the shell may import only @heng/schemas; point-grant.test.ts pins it to the core's behaviour.
 */
import type { Permission } from '@heng/schemas';

/** Tells whether a concrete point path `site/device/point` is covered. */
export type PointMatcher = (point: string) => boolean;

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** Whether `pattern` (MQTT wildcards) matches the concrete `topic`; a bad pattern matches nothing. */
export function matchPoint(pattern: string, topic: string): boolean {
  const want = pattern.split('/');
  const parts = topic.split('/');
  if (!parts.every((p) => SEGMENT.test(p))) return false;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    if (w === '#') return i === want.length - 1;
    if (i >= parts.length) return false;
    if (w !== '+' && w !== parts[i]) return false;
    if (w !== '+' && !SEGMENT.test(w)) return false;
  }
  return parts.length === want.length;
}

/**
 * Whether every point `pattern` can match is matched by `grant` (pattern inclusion), so a panel
 * may ask for `+/dimming` at its site when its grant says `+/+/dimming`.
 */
export function patternCovered(grant: string, pattern: string): boolean {
  const g = grant.split('/');
  const p = pattern.split('/');
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    if (gi === '#') return i === g.length - 1;
    if (gi === undefined) return false;
    if (p[i] === '#') return false;
    if (gi !== '+' && gi !== p[i]) return false;
  }
  return g.length === p.length || (g.length === p.length + 1 && g[p.length] === '#');
}

/** A matcher over several patterns: covered when any one matches. */
export function pointMatcher(patterns: readonly string[]): PointMatcher {
  return (point) => patterns.some((p) => matchPoint(p, point));
}

/** What a panel may reach, from the permissions the administrator consented to. */
export interface PanelGrant {
  /** Points its `telemetry:read` permissions cover. */
  read: PointMatcher;
  /** Whether its `telemetry:read` permissions cover every point a pattern can match. */
  readsAll: (pattern: string) => boolean;
  /** Points its `command:write` permissions cover. */
  command: PointMatcher;
  /** Panels its `ui:panel` permissions name. */
  panels: ReadonlySet<string>;
}

/** The grant of a plugin, read from its consented permissions. */
export function panelGrant(permissions: readonly Permission[]): PanelGrant {
  const read: string[] = [];
  const command: string[] = [];
  const panels = new Set<string>();
  for (const p of permissions) {
    if (p.capability === 'telemetry:read') read.push(...p.points);
    else if (p.capability === 'command:write') command.push(...p.points);
    else if (p.capability === 'ui:panel') for (const id of p.panels) panels.add(id);
  }
  return {
    read: pointMatcher(read),
    readsAll: (pattern) => read.some((g) => patternCovered(g, pattern)),
    command: pointMatcher(command),
    panels,
  };
}

/**
 * The full path of a point a panel names at `site`: `device/point` is taken at the panel's site;
 * `site/device/point` must name that site. Undefined for anything else.
 */
export function pointAt(site: string, name: unknown, wildcards = false): string | undefined {
  if (typeof name !== 'string' || name.length > 256) return undefined;
  const parts = name.split('/');
  const ok = (p: string, i: number) =>
    SEGMENT.test(p) || (wildcards && (p === '+' || (p === '#' && i === parts.length - 1)));
  if (!parts.every(ok)) return undefined;
  if (parts.length === 1 && parts[0] === '#' && wildcards) return `${site}/#`;
  if (parts.length === 2) return `${site}/${name}`;
  if (parts.length === 3 && parts[0] === site) return name;
  return undefined;
}
