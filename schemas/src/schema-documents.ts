/**
 * @module The raw JSON Schemas of Heng's contracts, as objects, keyed by their file name.
 */
import appInstall from '../schemas/app-install.schema.json' with { type: 'json' };
import command from '../schemas/command.schema.json' with { type: 'json' };
import commandOutcome from '../schemas/command-outcome.schema.json' with { type: 'json' };
import common from '../schemas/common.schema.json' with { type: 'json' };
import deviceProfile from '../schemas/device-profile.schema.json' with { type: 'json' };
import event from '../schemas/event.schema.json' with { type: 'json' };
import manifest from '../schemas/manifest.schema.json' with { type: 'json' };
import permission from '../schemas/permission.schema.json' with { type: 'json' };
import site from '../schemas/site.schema.json' with { type: 'json' };
import telemetryBatch from '../schemas/telemetry-batch.schema.json' with { type: 'json' };
import telemetryReading from '../schemas/telemetry-reading.schema.json' with { type: 'json' };

/** Where the schemas' `$id`s live. An identifier only: nothing is fetched from it. */
export const SCHEMA_BASE_URL = 'https://heng.city/schemas/';

/**
 * Every schema of Heng's contracts by name: `schemas.manifest` is
 * `schemas/manifest.schema.json`, whose `$id` is `${SCHEMA_BASE_URL}manifest.schema.json`.
 * Treat them as read-only: the validators are compiled from these very objects.
 */
export const schemas = {
  common,
  permission,
  manifest,
  'telemetry-reading': telemetryReading,
  'telemetry-batch': telemetryBatch,
  event,
  command,
  'command-outcome': commandOutcome,
  'device-profile': deviceProfile,
  site,
  'app-install': appInstall,
} as const;

/** The name of a schema, which is also its file name without `.schema.json`. */
export type SchemaName = keyof typeof schemas;

/** The `$id` of a schema. */
export function schemaId(name: SchemaName): string {
  return `${SCHEMA_BASE_URL}${name}.schema.json`;
}
