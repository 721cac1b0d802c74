/**
 * @module What an administrator granted a plugin, compiled once from its manifest into an
 * immutable object with fast checks; the broker asks it before every host call.
 */
import { type Issue, ManifestError } from '@heng/schemas';
import type { CommandRuleSource, GrantParts } from './grant-parse.ts';
import { parsePermissions } from './grant-parse.ts';
import type { HttpRoute, ManifestLike, Schedule } from './grant-types.ts';
import { type HostRule, urlMatchesHosts } from './hosts.ts';
import { compilePatterns, pointProblem, type TopicMatcher, topicProblem } from './pattern.ts';

/** A `command:write` permission: which points, and the rate all of them share. */
export interface CommandRule extends CommandRuleSource {
  readonly matches: TopicMatcher;
}

/** The immutable, compiled permissions of one plugin. */
export class Grant {
  readonly pluginId: string;
  /** Bytes the plugin may store; 0 when it has no `storage` permission. */
  readonly storageQuota: number;
  readonly routes: readonly HttpRoute[];
  readonly schedules: readonly Schedule[];
  readonly panels: readonly string[];
  readonly readPoints: readonly string[];
  readonly publishTopics: readonly string[];
  readonly subscribeTopics: readonly string[];
  readonly commandRules: readonly CommandRule[];
  readonly fetchHosts: readonly HostRule[];
  readonly #canRead: TopicMatcher;
  readonly #canPublish: TopicMatcher;
  readonly #subscribes: TopicMatcher;

  /** Use `grantFromManifest`; this trusts its (already validated) input. */
  constructor(pluginId: string, parts: GrantParts) {
    this.pluginId = pluginId;
    this.storageQuota = parts.storageQuotaBytes;
    this.routes = Object.freeze(parts.routes);
    this.schedules = Object.freeze(parts.schedules);
    this.panels = Object.freeze(parts.panels);
    this.readPoints = Object.freeze(parts.readPoints);
    this.publishTopics = Object.freeze(parts.publishTopics);
    this.subscribeTopics = Object.freeze(parts.subscribeTopics);
    this.fetchHosts = Object.freeze(parts.hosts);
    this.commandRules = Object.freeze(
      parts.commandRules.map((r) =>
        Object.freeze({
          ...r,
          points: Object.freeze([...r.points]),
          matches: compilePatterns(r.points),
        }),
      ),
    );
    this.#canRead = compilePatterns(parts.readPoints);
    this.#canPublish = compilePatterns(parts.publishTopics);
    this.#subscribes = compilePatterns(parts.subscribeTopics);
    Object.freeze(this);
  }

  /** May the plugin read the latest value of this `site/device/point`? */
  canReadPoint(path: string): boolean {
    return pointProblem(path) === undefined && this.#canRead(path);
  }

  /** May the plugin send commands to this point (rate aside)? */
  canCommand(path: string): boolean {
    return this.commandRuleFor(path) !== undefined;
  }

  /** The first `command:write` permission covering this point; its rate applies. */
  commandRuleFor(path: string): CommandRule | undefined {
    if (pointProblem(path) !== undefined) return undefined;
    return this.commandRules.find((rule) => rule.matches(path));
  }

  /** May the plugin publish an event on this concrete topic? */
  canPublish(topic: string): boolean {
    return topicProblem(topic) === undefined && this.#canPublish(topic);
  }

  /** Does the plugin receive events published on this topic? */
  subscribes(topic: string): boolean {
    return topicProblem(topic) === undefined && this.#subscribes(topic);
  }

  /** May the plugin fetch this URL? https only, a granted host (wildcards, ports) only. */
  canFetch(url: string | URL): boolean {
    return urlMatchesHosts(url, this.fetchHosts);
  }
}

// As the schemas' PluginId: safe in storage ids, URLs and file names.
const PLUGIN_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** Tells whether `id` is a reverse-DNS plugin id (`cn.hengyang.lighting`), safe in paths and keys. */
export function isPluginId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 128 && PLUGIN_ID.test(id);
}

/**
 * Compiles a manifest's permissions into a Grant. Throws ManifestError listing every
 * malformed entry, so nothing half-understood is ever granted.
 * @example
 * const grant = grantFromManifest({ id: 'cn.hengyang.lighting', permissions: [
 *   { capability: 'telemetry:read', points: ['site-1/+/lux'] },
 * ] });
 * grant.canReadPoint('site-1/lamp-7/lux'); // true
 */
export function grantFromManifest(manifest: ManifestLike): Grant {
  const issues: Issue[] = [];
  const id = (manifest as { id?: unknown } | null)?.id;
  if (!isPluginId(id)) {
    issues.push({ path: '/id', message: 'must be a reverse-DNS id like cn.hengyang.lighting' });
  }
  const parts = parsePermissions(
    (manifest as { permissions?: unknown } | null)?.permissions,
    issues,
  );
  if (issues.length > 0) throw new ManifestError(issues);
  return new Grant(id as string, parts);
}
