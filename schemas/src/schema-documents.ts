/**
 * @module The raw JSON Schemas of Heng's contracts, as objects, keyed by their file name.
 */
import appInstall from '../schemas/app-install.schema.json' with { type: 'json' };
import appInstallRequest from '../schemas/app-install-request.schema.json' with { type: 'json' };
import appUpgradeRequest from '../schemas/app-upgrade-request.schema.json' with { type: 'json' };
import autoRollbackRequest from '../schemas/auto-rollback-request.schema.json' with {
  type: 'json',
};
import command from '../schemas/command.schema.json' with { type: 'json' };
import commandOutcome from '../schemas/command-outcome.schema.json' with { type: 'json' };
import commandRequest from '../schemas/command-request.schema.json' with { type: 'json' };
import common from '../schemas/common.schema.json' with { type: 'json' };
import deviceProfile from '../schemas/device-profile.schema.json' with { type: 'json' };
import event from '../schemas/event.schema.json' with { type: 'json' };
import login from '../schemas/login.schema.json' with { type: 'json' };
import manifest from '../schemas/manifest.schema.json' with { type: 'json' };
import organisation from '../schemas/organisation.schema.json' with { type: 'json' };
import packageAtSite from '../schemas/package.schema.json' with { type: 'json' };
import packageRevocationRequest from '../schemas/package-revocation-request.schema.json' with {
  type: 'json',
};
import passwordChange from '../schemas/password-change.schema.json' with { type: 'json' };
import permission from '../schemas/permission.schema.json' with { type: 'json' };
import pluginStatus from '../schemas/plugin-status.schema.json' with { type: 'json' };
import revocation from '../schemas/revocation.schema.json' with { type: 'json' };
import site from '../schemas/site.schema.json' with { type: 'json' };
import siteStatus from '../schemas/site-status.schema.json' with { type: 'json' };
import telemetryBatch from '../schemas/telemetry-batch.schema.json' with { type: 'json' };
import telemetryReading from '../schemas/telemetry-reading.schema.json' with { type: 'json' };
import trustedKey from '../schemas/trusted-key.schema.json' with { type: 'json' };
import trustedKeyRequest from '../schemas/trusted-key-request.schema.json' with { type: 'json' };
import user from '../schemas/user.schema.json' with { type: 'json' };
import userUpdate from '../schemas/user-update.schema.json' with { type: 'json' };

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
  'command-request': commandRequest,
  'device-profile': deviceProfile,
  site,
  'app-install': appInstall,
  'trusted-key-request': trustedKeyRequest,
  'app-install-request': appInstallRequest,
  'app-upgrade-request': appUpgradeRequest,
  'package-revocation-request': packageRevocationRequest,
  'auto-rollback-request': autoRollbackRequest,
  organisation,
  user,
  'user-update': userUpdate,
  'password-change': passwordChange,
  login,
  'plugin-status': pluginStatus,
  'site-status': siteStatus,
  package: packageAtSite,
  'trusted-key': trustedKey,
  revocation,
} as const;

/** The name of a schema, which is also its file name without `.schema.json`. */
export type SchemaName = keyof typeof schemas;

/** The `$id` of a schema. */
export function schemaId(name: SchemaName): string {
  return `${SCHEMA_BASE_URL}${name}.schema.json`;
}
