/**
 * @module The permission grammar of a plugin manifest, as generated from `@heng/schemas`, and the
 * part of a manifest a grant is made from.
 */
import type { Permission } from '@heng/schemas';

export type {
  CommandWritePermission,
  EventsPublishPermission,
  EventsSubscribePermission,
  HttpRoute,
  HttpRoutePermission,
  NetFetchPermission,
  Permission,
  PointPattern,
  Schedule,
  SchedulePermission,
  StoragePermission,
  TelemetryReadPermission,
  TopicPattern,
  UiPanelPermission,
} from '@heng/schemas';

/** The part of a manifest that a grant is made from. */
export interface ManifestLike {
  id: string;
  permissions?: readonly Permission[];
}
