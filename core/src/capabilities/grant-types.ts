/**
 * @module The permission grammar of a plugin manifest, declared locally until the types
 * generated from `@heng/schemas` land (the lead swaps these for the generated ones).
 */

/** An MQTT-style pattern over `site/device/point`: `+` one segment, `#` the rest (last only). */
export type PointPattern = string;

/** An MQTT-style pattern over `/`-separated topics of any length. */
export type TopicPattern = string;

interface PermissionBase {
  /** Why the plugin asks for it; shown to the administrator at consent. */
  reason?: string;
}

export interface TelemetryReadPermission extends PermissionBase {
  capability: 'telemetry:read';
  points: PointPattern[];
}

export interface CommandWritePermission extends PermissionBase {
  capability: 'command:write';
  points: PointPattern[];
  /** At most `count` commands per `perSeconds`, counted per site over all points of this permission. */
  rate: { count: number; perSeconds: number };
}

export interface StoragePermission extends PermissionBase {
  capability: 'storage';
  /** 1..65536; 1024 when not given. */
  quotaKiB?: number;
}

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under the plugin's prefix, `:name` segments are parameters: `/reports/:id`. */
  path: string;
}

export interface HttpRoutePermission extends PermissionBase {
  capability: 'http:route';
  routes: HttpRoute[];
}

export interface NetFetchPermission extends PermissionBase {
  capability: 'net:fetch';
  /** Hostnames, optionally with a leading `*.` and a `:port`: `api.example.org`, `*.gov.cn:8443`. */
  hosts: string[];
}

export interface EventsPublishPermission extends PermissionBase {
  capability: 'events:publish';
  topics: TopicPattern[];
}

export interface EventsSubscribePermission extends PermissionBase {
  capability: 'events:subscribe';
  topics: TopicPattern[];
}

export interface Schedule {
  name: string;
  everySeconds: number;
}

export interface SchedulePermission extends PermissionBase {
  capability: 'schedule';
  schedules: Schedule[];
}

export interface UiPanelPermission extends PermissionBase {
  capability: 'ui:panel';
  panels: string[];
}

/** One entry of a manifest's `permissions` array, discriminated by `capability`. */
export type Permission =
  | TelemetryReadPermission
  | CommandWritePermission
  | StoragePermission
  | HttpRoutePermission
  | NetFetchPermission
  | EventsPublishPermission
  | EventsSubscribePermission
  | SchedulePermission
  | UiPanelPermission;

/** The part of a manifest that a grant is made from. */
export interface ManifestLike {
  id: string;
  permissions?: readonly Permission[];
}
