/**
 * @module Which points a plugin's grant lets its panel read and command, by the contracts' one
 * pattern rule (`@heng/schemas/patterns`: `+` one segment, `#` the rest, `a/#` matching `a`).
 */
import type { Permission } from '@heng/schemas';
import { matchTopic, patternCovered, patternProblem, topicProblem } from '@heng/schemas/patterns';

/** Tells whether a concrete point path `site/device/point` is covered. */
export type PointMatcher = (point: string) => boolean;

/** Whether `pattern` (MQTT wildcards) matches the concrete `topic`; a bad pattern matches nothing. */
export function matchPoint(pattern: string, topic: string): boolean {
  return patternProblem(pattern) === undefined && matchTopic(pattern, topic);
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
  if (typeof name !== 'string') return undefined;
  if ((wildcards ? patternProblem : topicProblem)(name) !== undefined) return undefined;
  const parts = name.split('/');
  if (parts.length === 1 && parts[0] === '#' && wildcards) return `${site}/#`;
  if (parts.length === 2) return `${site}/${name}`;
  if (parts.length === 3 && parts[0] === site) return name;
  return undefined;
}
