/**
 * @module The compiled validator pair `isX` / `assertX` of every Heng document schema.
 */
import type { ValidateFunction } from 'ajv';
import type {
  AppInstall,
  Command,
  CommandOutcome,
  DeviceProfile,
  HengEvent,
  Permission,
  PluginManifest,
  PluginStatusDoc,
  Revocation,
  SchemaTypes,
  Site,
  SitePackage,
  SiteStatusDoc,
  TelemetryBatch,
  TelemetryReading,
  TrustedKey,
} from '../../generated/types.ts';
import { HengError, type Issue, ManifestError, ValidationError } from '../errors.ts';
import { schemaId, schemas } from '../schema-documents.ts';
import { createAjv } from './ajv.ts';
import { issuesFromAjv } from './issues.ts';

/** The name of a schema that describes a whole document (every schema but `common`). */
export type DocumentName = keyof SchemaTypes;

const ajv = createAjv();
for (const schema of Object.values(schemas)) ajv.addSchema(schema);

const compiled = new Map<DocumentName, ValidateFunction>();

// Compiled on first use, then kept: importing the package stays cheap for code that only
// needs one or two validators (the shell, a plugin's tests).
function validatorOf(name: DocumentName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.getSchema(schemaId(name));
    if (!validate)
      throw new HengError('internal', `@heng/schemas: no schema registered as ${schemaId(name)}`);
    compiled.set(name, validate);
  }
  return validate;
}

/**
 * Validates a value against one of Heng's schemas and lists what is wrong; an empty list
 * means it is valid. For a yes/no answer use the `isX` guards, to throw use `assertX`.
 *
 * @example issuesFor('command', body) // [{ path: '/reason', message: 'is required' }]
 */
export function issuesFor(name: DocumentName, value: unknown): Issue[] {
  const validate = validatorOf(name);
  return validate(value) ? [] : issuesFromAjv(validate.errors);
}

const LABELS: Record<DocumentName, string> = {
  manifest: 'manifest',
  permission: 'permission',
  'telemetry-reading': 'telemetry reading',
  'telemetry-batch': 'telemetry batch',
  event: 'event',
  command: 'command',
  'command-outcome': 'command outcome',
  'command-request': 'command request',
  'device-profile': 'device profile',
  site: 'site',
  'app-install': 'app install record',
  'trusted-key-request': 'trusted key',
  'app-install-request': 'install request',
  'app-upgrade-request': 'upgrade request',
  'package-revocation-request': 'revocation request',
  'auto-rollback-request': 'auto-rollback setting',
  organisation: 'organisation',
  user: 'user',
  'user-update': 'user update',
  'password-change': 'password change',
  login: 'login',
  'plugin-status': 'plugin status',
  'site-status': 'site status',
  package: 'package record',
  'trusted-key': 'trusted key record',
  revocation: 'revocation',
};

function guard<N extends DocumentName>(name: N): (value: unknown) => value is SchemaTypes[N] {
  return (value: unknown): value is SchemaTypes[N] => validatorOf(name)(value) === true;
}

/**
 * Checks a value against a schema and returns it typed, or throws a ValidationError
 * (a ManifestError for manifests) that lists every issue. `where` says where the value came
 * from, for the message: a file, a request, a document id.
 */
export function assertDocument<N extends DocumentName>(
  name: N,
  value: unknown,
  where?: string,
): SchemaTypes[N] {
  const issues = issuesFor(name, value);
  if (issues.length === 0) return value as SchemaTypes[N];
  if (name === 'manifest') throw new ManifestError(issues, where);
  throw new ValidationError(where ? `${LABELS[name]} in ${where}` : LABELS[name], issues);
}

/** Whether a value is a valid plugin manifest (heng.plugin.json), structurally. */
export const isPluginManifest: (value: unknown) => value is PluginManifest = guard('manifest');
/** Whether a value is a valid permission. */
export const isPermission: (value: unknown) => value is Permission = guard('permission');
/** Whether a value is a valid telemetry reading. */
export const isTelemetryReading: (value: unknown) => value is TelemetryReading =
  guard('telemetry-reading');
/** Whether a value is a valid telemetry batch document. */
export const isTelemetryBatch: (value: unknown) => value is TelemetryBatch =
  guard('telemetry-batch');
/** Whether a value is a valid event. */
export const isHengEvent: (value: unknown) => value is HengEvent = guard('event');
/** Whether a value is a valid command. */
export const isCommand: (value: unknown) => value is Command = guard('command');
/** Whether a value is a valid command outcome. */
export const isCommandOutcome: (value: unknown) => value is CommandOutcome =
  guard('command-outcome');
/** Whether a value is a valid device profile. */
export const isDeviceProfile: (value: unknown) => value is DeviceProfile = guard('device-profile');
/** Whether a value is a valid site. */
export const isSite: (value: unknown) => value is Site = guard('site');
/** Whether a value is a valid app install record. */
export const isAppInstall: (value: unknown) => value is AppInstall = guard('app-install');

/**
 * Returns the value as a PluginManifest or throws a ManifestError listing every structural
 * issue. This is the first pass only; `validateManifest` also runs the semantic checks.
 */
export function assertPluginManifest(value: unknown, where?: string): PluginManifest {
  return assertDocument('manifest', value, where);
}
/** Returns the value as a Permission or throws a ValidationError listing every issue. */
export function assertPermission(value: unknown, where?: string): Permission {
  return assertDocument('permission', value, where);
}
/** Returns the value as a TelemetryReading or throws a ValidationError listing every issue. */
export function assertTelemetryReading(value: unknown, where?: string): TelemetryReading {
  return assertDocument('telemetry-reading', value, where);
}
/** Returns the value as a TelemetryBatch or throws a ValidationError listing every issue. */
export function assertTelemetryBatch(value: unknown, where?: string): TelemetryBatch {
  return assertDocument('telemetry-batch', value, where);
}
/** Returns the value as a HengEvent or throws a ValidationError listing every issue. */
export function assertHengEvent(value: unknown, where?: string): HengEvent {
  return assertDocument('event', value, where);
}
/** Returns the value as a Command or throws a ValidationError listing every issue. */
export function assertCommand(value: unknown, where?: string): Command {
  return assertDocument('command', value, where);
}
/** Returns the value as a CommandOutcome or throws a ValidationError listing every issue. */
export function assertCommandOutcome(value: unknown, where?: string): CommandOutcome {
  return assertDocument('command-outcome', value, where);
}
/** Returns the value as a DeviceProfile or throws a ValidationError listing every issue. */
export function assertDeviceProfile(value: unknown, where?: string): DeviceProfile {
  return assertDocument('device-profile', value, where);
}
/** Returns the value as a Site or throws a ValidationError listing every issue. */
export function assertSite(value: unknown, where?: string): Site {
  return assertDocument('site', value, where);
}
/** Returns the value as an AppInstall or throws a ValidationError listing every issue. */
export function assertAppInstall(value: unknown, where?: string): AppInstall {
  return assertDocument('app-install', value, where);
}

/** Whether a value is a valid `plugin-status/<id>` document (written by the edge). */
export const isPluginStatus: (value: unknown) => value is PluginStatusDoc = guard('plugin-status');
/** Whether a value is a valid `site-status/current` document (written by the edge). */
export const isSiteStatus: (value: unknown) => value is SiteStatusDoc = guard('site-status');
/** Whether a value is a valid `package/<id>@<version>` document at a site (written by the hub). */
export const isSitePackage: (value: unknown) => value is SitePackage = guard('package');
/** Whether a value is a valid `trust/<keyId>` document (written by the hub). */
export const isTrustedKey: (value: unknown) => value is TrustedKey = guard('trusted-key');
/** Whether a value is a valid `revocation/<digest>` document (written by the hub). */
export const isRevocation: (value: unknown) => value is Revocation = guard('revocation');
/** Returns the value as a PluginStatusDoc or throws a ValidationError listing every issue. */
export function assertPluginStatus(value: unknown, where?: string): PluginStatusDoc {
  return assertDocument('plugin-status', value, where);
}
/** Returns the value as a SiteStatusDoc or throws a ValidationError listing every issue. */
export function assertSiteStatus(value: unknown, where?: string): SiteStatusDoc {
  return assertDocument('site-status', value, where);
}
/** Returns the value as a SitePackage or throws a ValidationError listing every issue. */
export function assertSitePackage(value: unknown, where?: string): SitePackage {
  return assertDocument('package', value, where);
}
/** Returns the value as a TrustedKey or throws a ValidationError listing every issue. */
export function assertTrustedKey(value: unknown, where?: string): TrustedKey {
  return assertDocument('trusted-key', value, where);
}
/** Returns the value as a Revocation or throws a ValidationError listing every issue. */
export function assertRevocation(value: unknown, where?: string): Revocation {
  return assertDocument('revocation', value, where);
}

/** Short names for the manifest pair. */
export const isManifest = isPluginManifest;
export const assertManifest = assertPluginManifest;
