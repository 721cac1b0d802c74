/**
 * @module TypeScript types of Heng's contracts, GENERATED from schemas/schemas/*.schema.json by
 * schemas/scripts/generate.ts. Do not edit: change the schema and run `npm run generate`.
 */

/**
 * A site, device or point id: letters, digits, underscore, dot or hyphen, e.g. "lighting-01", "lamp_017", "dimming".
 */
export type Identifier = string;
/**
 * A plugin's globally unique id in lower-case reverse-DNS form, at most 128 characters, e.g. "city.hengyang.lighting".
 */
export type PluginId = string;
/**
 * A semantic version (semver 2.0) without a leading "v", e.g. "1.4.2" or "2.0.0-rc.1".
 */
export type SemVer = string;
/**
 * One capability a plugin asks for, with its scope. The administrator consents to each permission at install; the plugin's API object is built from the granted permissions and nothing else, and every host call is checked against them.
 */
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
/**
 * Which points a permission covers, written site/device/point. A segment is a name, "+" (any one segment) or "#" (this and every following segment; only as the last segment). Examples: "lighting-01/lamp-017/dimming", "+/+/dimming", "lighting-01/#".
 */
export type PointPattern = string;
/**
 * Why the plugin needs this permission, shown to the administrator at consent, e.g. "Dims street lights to 30% after midnight".
 */
export type Reason = string;
/**
 * A host a plugin may fetch from: a lower-case hostname, optionally starting with "*." to include its subdomains, optionally with ":port". No scheme, no path. Examples: "api.weather.example", "*.example.org", "tiles.example.net:8443".
 */
export type HostPattern = string;
/**
 * Which event topics a permission covers: segments separated by "/", where "+" stands for any one segment and "#" for this and every following segment (only as the last segment). Examples: "incident/+/opened", "lighting/#".
 */
export type TopicPattern = string;
/**
 * The id of a UI panel, lower case with digits and hyphens, e.g. "lamp-map".
 */
export type PanelId = string;
/**
 * The database id of this document (PouchDB/CouchDB "_id"), set by the store that writes it.
 */
export type DocId = string;
/**
 * The database revision of this document (PouchDB/CouchDB "_rev"), set by the store.
 */
export type DocRev = string;
/**
 * A SHA-256 digest in Subresource-Integrity form: "sha256-" followed by 44 characters of base64.
 */
export type Sha256Digest = string;
/**
 * A moment in time as an RFC 3339 date-time with a time zone, e.g. "2026-03-01T08:30:00Z" or "2026-03-01T16:30:00+08:00".
 */
export type Timestamp = string;
/**
 * The value of a point: a number (analogue values, counters), a boolean (switches, alarms) or a short string (states, texts).
 */
export type ReadingValue = number | boolean | string;
/**
 * Why, in words kept in the audit trail, e.g. "Night dimming schedule".
 */
export type CommandReason = string;
/**
 * "big" (most significant first, the Modbus standard) or "little".
 */
export type ByteOrder = 'big' | 'little';
/**
 * How sensitive a piece of data is (数据分类分级). A role sees a class only with the clearance for it, in the API, in the shell and in what replicates: public (anyone, including residents), internal (staff of the parties), restricted (named departments only), secret (a few named people).
 */
export type DataClass = 'public' | 'internal' | 'restricted' | 'secret';
/**
 * A concrete event topic (no wildcards): segments of letters, digits, underscore, dot or hyphen separated by "/", e.g. "incident/flooding/opened".
 */
export type Topic = string;
/**
 * A path inside the plugin package, relative to its root, with "/" as separator: not absolute, no ".." segments, only letters, digits and _ . - @ + characters, e.g. "dist/plugin.js".
 */
export type RelativePath = string;
/**
 * How far a value can be trusted: good (read normally), uncertain (stale, out of range or substituted) or bad (the read failed or the device reports a fault).
 */
export type Quality = 'good' | 'uncertain' | 'bad';
/**
 * A person's role: administrator (everything), operator (watch sites, send commands), technician (the same for its organisation's sites), vendor (publish to the catalog), viewer (read public data).
 */
export type PersonRole = 'administrator' | 'operator' | 'technician' | 'vendor' | 'viewer';

/**
 * The type of a document valid against each schema, by schema name.
 */
export interface SchemaTypes {
  'app-install-request': AppInstallRequest;
  'app-install': AppInstall;
  'app-upgrade-request': AppUpgradeRequest;
  'auto-rollback-request': AutoRollbackRequest;
  'command-outcome': CommandOutcome;
  'command-request': CommandRequest;
  command: Command;
  'device-profile': DeviceProfile;
  event: HengEvent;
  login: Login;
  manifest: PluginManifest;
  organisation: Organisation;
  'package-revocation-request': PackageRevocationRequest;
  package: SitePackage;
  'password-change': PasswordChange;
  permission: Permission;
  'plugin-status': PluginStatusDoc;
  revocation: Revocation;
  'site-status': SiteStatusDoc;
  site: Site;
  'telemetry-batch': TelemetryBatch;
  'telemetry-reading': TelemetryReading;
  'trusted-key-request': TrustedKeyRequest;
  'trusted-key': TrustedKey;
  'user-update': UserUpdate;
  user: User;
}
/**
 * The body of POST /api/installs: install one published package at one or more sites, with the administrator's consent to its permissions and its settings. All sites or none.
 */
export interface AppInstallRequest {
  /**
   * The ids of the sites to install at, e.g. ["lighting-01", "lighting-02"]; "hub" for the hub itself, where plugins whose manifest says runsOn hub run.
   *
   * @minItems 1
   * @maxItems 200
   */
  sites: Identifier[];
  /**
   * Which package of the catalog to install.
   */
  plugin: {
    id: PluginId;
    version: SemVer;
  };
  /**
   * The plugin's settings, checked against the settings schema of its manifest; {} when not given.
   */
  config?: {
    [k: string]: unknown;
  };
  consent: InstallConsent;
  /**
   * Whether to go back to the previous version when a later upgrade fails or is quarantined at the site (false when not given).
   */
  autoRollback?: boolean;
}
/**
 * The permissions the administrator was shown and accepts; they must be the package's requested permissions.
 */
export interface InstallConsent {
  /**
   * The permissions accepted, as the package's manifest states them.
   *
   * @maxItems 64
   */
  permissions: Permission[];
}
/**
 * Read the latest values and history of the points that match the patterns.
 */
export interface TelemetryReadPermission {
  /**
   * Read telemetry.
   */
  capability: 'telemetry:read';
  /**
   * Patterns of the points to read, site/device/point with "+" and "#" wildcards, e.g. "+/+/dimming".
   *
   * @minItems 1
   * @maxItems 256
   */
  points: PointPattern[];
  reason?: Reason;
}
/**
 * Send commands (writes) to the points that match the patterns, within a rate. The edge still checks each value against the device profile's limits, and every command leaves a trace.
 */
export interface CommandWritePermission {
  /**
   * Send commands to field devices.
   */
  capability: 'command:write';
  /**
   * Patterns of the points to command, site/device/point with "+" and "#" wildcards, e.g. "lighting-01/+/dimming".
   *
   * @minItems 1
   * @maxItems 256
   */
  points: PointPattern[];
  rate: CommandRate;
  reason?: Reason;
}
/**
 * At most `count` commands per `perSeconds` seconds, counted per plugin and site.
 */
export interface CommandRate {
  /**
   * How many commands are allowed in each window.
   */
  count: number;
  /**
   * The length of the window in seconds.
   */
  perSeconds: number;
}
/**
 * A private key-value store for the plugin, up to a quota. Other plugins cannot see it.
 */
export interface StoragePermission {
  /**
   * Keep data in the plugin's own store.
   */
  capability: 'storage';
  /**
   * The most the store may hold, in KiB (1 to 65536; 1024 when not given).
   */
  quotaKiB?: number;
  reason?: Reason;
}
/**
 * Answer HTTP requests on the listed routes under the plugin's prefix, e.g. a public status page or a form for residents.
 */
export interface HttpRoutePermission {
  /**
   * Serve HTTP routes.
   */
  capability: 'http:route';
  /**
   * The routes the plugin serves.
   *
   * @minItems 1
   * @maxItems 64
   */
  routes: HttpRoute[];
  reason?: Reason;
}
/**
 * One route the plugin serves, under its own prefix (/apps/<plugin id>/...).
 */
export interface HttpRoute {
  /**
   * The HTTP method.
   */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * The path below the plugin's prefix, starting with "/"; a segment written ":name" matches any value and is passed as a parameter, e.g. "/lamps/:id". No "." or ".." segments.
   */
  path: string;
}
/**
 * Make outbound HTTPS requests to the listed hosts only. Hosts on the site's own network (private or loopback addresses) are never allowed.
 */
export interface NetFetchPermission {
  /**
   * Fetch from listed hosts.
   */
  capability: 'net:fetch';
  /**
   * Hostnames, optionally "*." for subdomains and ":port"; no scheme or path, e.g. "api.weather.example".
   *
   * @minItems 1
   * @maxItems 64
   */
  hosts: HostPattern[];
  reason?: Reason;
}
/**
 * Publish events on topics that match the patterns, e.g. to open an incident.
 */
export interface EventsPublishPermission {
  /**
   * Publish events.
   */
  capability: 'events:publish';
  /**
   * Patterns of the topics to publish on, with "+" and "#" wildcards, e.g. "incident/+/opened".
   *
   * @minItems 1
   * @maxItems 128
   */
  topics: TopicPattern[];
  reason?: Reason;
}
/**
 * Receive events on topics that match the patterns, as far as the plugin's data classes allow.
 */
export interface EventsSubscribePermission {
  /**
   * Receive events.
   */
  capability: 'events:subscribe';
  /**
   * Patterns of the topics to receive, with "+" and "#" wildcards, e.g. "lighting/#".
   *
   * @minItems 1
   * @maxItems 128
   */
  topics: TopicPattern[];
  reason?: Reason;
}
/**
 * Be called at fixed intervals, e.g. to check lamps every 5 minutes.
 */
export interface SchedulePermission {
  /**
   * Run on schedules.
   */
  capability: 'schedule';
  /**
   * The timers the plugin needs.
   *
   * @minItems 1
   * @maxItems 32
   */
  schedules: Schedule[];
  reason?: Reason;
}
/**
 * A named timer that calls the plugin's handler for it at a fixed interval.
 */
export interface Schedule {
  /**
   * The schedule's name, lower case with digits and hyphens, e.g. "night-dimming".
   */
  name: string;
  /**
   * How often it fires, in seconds (1 second to 7 days).
   */
  everySeconds: number;
}
/**
 * Show the listed panels in the administrators' shell, each in a sandboxed frame.
 */
export interface UiPanelPermission {
  /**
   * Show panels in the shell.
   */
  capability: 'ui:panel';
  /**
   * Ids of panels declared in the manifest's ui.panels.
   *
   * @minItems 1
   * @maxItems 16
   */
  panels: PanelId[];
  reason?: Reason;
}
/**
 * The record of one plugin installed at one site: which version, what the administrator consented to, its settings and its state. Every lifecycle step updates it, so it replicates to the edge.
 */
export interface AppInstall {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "app-install".
   */
  type: 'app-install';
  site: Identifier;
  /**
   * Which package is installed.
   */
  plugin: {
    id: PluginId;
    version: SemVer;
    digest: Sha256Digest;
  };
  /**
   * The permissions the administrator consented to; the plugin gets these and nothing else.
   *
   * @maxItems 64
   */
  permissions: Permission[];
  /**
   * The plugin's settings, valid against the settings schema of its manifest.
   */
  config: {
    [k: string]: unknown;
  };
  /**
   * installed (not yet started), active (running), stopped (by an administrator), quarantined (stopped after faults, restarts with backoff), failed (could not start) or uninstalled.
   */
  state: 'installed' | 'active' | 'stopped' | 'quarantined' | 'failed' | 'uninstalled';
  /**
   * Who consented to the permissions, and when.
   */
  consent: {
    /**
     * The id of the administrator who consented.
     */
    by: string;
    at: Timestamp;
  };
  /**
   * The version that was installed before the last upgrade, kept for rollback.
   */
  previous?: {
    version: SemVer;
    digest: Sha256Digest;
  };
  /**
   * Whether to go back to the previous version when the new one fails to start or is quarantined.
   */
  autoRollback?: boolean;
  lastError?: ErrorInfo;
  updatedAt: Timestamp;
}
/**
 * A failure as it crosses a boundary: a stable code and a message for people.
 */
export interface ErrorInfo {
  /**
   * Stable machine-readable code, e.g. "device_timeout" or "permission_denied".
   */
  code: string;
  /**
   * What went wrong and where, in plain words.
   */
  message: string;
}
/**
 * The body of POST /api/sites/{site}/apps/{plugin}/upgrade: move an installed plugin to another published version. When the new version asks for more than the installed one, consent must name the new permissions exactly.
 */
export interface AppUpgradeRequest {
  version: SemVer;
  /**
   * New settings, checked against the new version's settings schema; when not given, the current settings are checked against it instead.
   */
  config?: {
    [k: string]: unknown;
  };
  consent?: InstallConsent;
}
/**
 * The body of PUT /api/sites/{site}/apps/{plugin}/auto-rollback: whether the hub rolls the plugin back to its previous version by itself when the site reports it failed or quarantined.
 */
export interface AutoRollbackRequest {
  /**
   * true to roll back by itself, false to leave it to an administrator.
   */
  autoRollback: boolean;
}
/**
 * What became of a command, written by the edge: applied, rejected (by a check), failed (by the device) or expired.
 */
export interface CommandOutcome {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * "command-outcome" when stored as a document.
   */
  type?: 'command-outcome';
  /**
   * The id of the command this answers.
   */
  commandId: string;
  /**
   * applied (written to the device), rejected (refused by the grant or the profile's limits), failed (the device did not take it) or expired (arrived too late).
   */
  status: 'applied' | 'rejected' | 'failed' | 'expired';
  value?: ReadingValue;
  readBack?: ReadingValue;
  error?: ErrorInfo;
  ts: Timestamp;
}
/**
 * The body of POST /api/sites/{site}/commands: what a person asks a point to do, and why. The hub adds the command's id, the site (from the path), who asked and when; a body that names any of them is refused, so nobody chooses the id an edge would treat as its own.
 */
export interface CommandRequest {
  device: Identifier;
  point: Identifier;
  value: ReadingValue;
  reason: CommandReason;
  expiresAt?: Timestamp;
}
/**
 * A request to write a value to one point of a field device: who asks, what, and why. The edge checks it against the grant and the device profile's limits, writes it, and answers with a command outcome.
 */
export interface Command {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * "command" when stored as a document.
   */
  type?: 'command';
  /**
   * Unique id of the command, e.g. a UUID; the outcome refers to it.
   */
  id: string;
  site: Identifier;
  device: Identifier;
  point: Identifier;
  value: ReadingValue;
  /**
   * The person or plugin that asked for the command.
   */
  requestedBy: {
    /**
     * "user" for a person, "plugin" for an app.
     */
    kind: 'user' | 'plugin';
    /**
     * The user's id or the plugin's id.
     */
    id: string;
  };
  reason: CommandReason;
  ts: Timestamp;
  expiresAt?: Timestamp;
}
/**
 * The Modbus map of a kind of device: which registers hold which points, how to decode them, what may be written and within which limits. The edge's poller and writer, and the device simulators, are driven by it.
 */
export interface DeviceProfile {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * "device-profile" when stored as a document.
   */
  type?: 'device-profile';
  id: Identifier;
  /**
   * A name for people, e.g. "Street light cabinet controller".
   */
  name: string;
  /**
   * Who makes the device.
   */
  vendor?: string;
  /**
   * The device's model number or name.
   */
  model?: string;
  /**
   * Notes for technicians: wiring, firmware versions, quirks.
   */
  description?: string;
  defaults?: ProfileDefaults;
  /**
   * The points of the device.
   *
   * @minItems 1
   * @maxItems 1000
   */
  points: DevicePoint[];
}
/**
 * Settings that apply to every point unless the point says otherwise.
 */
export interface ProfileDefaults {
  /**
   * The Modbus unit (slave) id of the device, 1 to 247.
   */
  unit?: number;
  wordOrder?: ByteOrder;
  byteOrder?: ByteOrder;
  /**
   * How often to read the points, in milliseconds (100 ms to 1 hour).
   */
  pollMs?: number;
}
/**
 * One value of the device and where it lives in the Modbus map.
 */
export interface DevicePoint {
  name: Identifier;
  /**
   * A label for people, e.g. "Dimming level".
   */
  title?: string;
  /**
   * The Modbus table: coil (read-write bit), discrete-input (read-only bit), input-register (read-only word) or holding-register (read-write word).
   */
  kind: 'coil' | 'discrete-input' | 'input-register' | 'holding-register';
  /**
   * The zero-based register or bit address, 0 to 65535 (not the 40001-style number).
   */
  address: number;
  /**
   * How to decode the register(s): bool, int16, uint16, int32, uint32, float32, float64 or string.
   */
  type: 'bool' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64' | 'string';
  /**
   * For strings: how many registers (two characters each) the string takes, 1 to 123.
   */
  length?: number;
  wordOrder?: ByteOrder;
  byteOrder?: ByteOrder;
  /**
   * The raw value is multiplied by this (1 when not given), e.g. 0.1 for a register in tenths of a degree.
   */
  scale?: number;
  /**
   * Added after scaling (0 when not given).
   */
  offset?: number;
  /**
   * The engineering unit of the scaled value, e.g. "%", "°C", "m³/h".
   */
  unit?: string;
  /**
   * read (only polled), write (only commanded) or readwrite.
   */
  access: 'read' | 'write' | 'readwrite';
  /**
   * The lowest value a command may write, in engineering units.
   */
  min?: number;
  /**
   * The highest value a command may write, in engineering units.
   */
  max?: number;
  /**
   * Overrides the profile's poll interval for this point, in milliseconds.
   */
  pollMs?: number;
  dataClass: DataClass;
}
/**
 * Something that happened, published on a topic: an alarm, an incident opened or closed, a report from a resident. Events with a level drive graded response (分级响应).
 */
export interface HengEvent {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * "event" when stored as a document.
   */
  type?: 'event';
  /**
   * Unique id of the event, e.g. a UUID.
   */
  id: string;
  topic: Topic;
  /**
   * Who raised it: "plugin:<plugin id>", "edge:<site>", "user:<user id>" or "core".
   */
  source: string;
  site?: Identifier;
  ts: Timestamp;
  /**
   * The graded-response level, 1 to 4, where 1 is the most severe (as levels I to IV of the emergency plan). Absent for routine events.
   */
  level?: 1 | 2 | 3 | 4;
  /**
   * A one-line summary for people, e.g. "Water above 40 cm at Jiefang Road underpass".
   */
  title?: string;
  /**
   * The details, as the topic's publisher defines them.
   */
  payload: {
    [k: string]: unknown;
  };
  dataClass: DataClass;
}
/**
 * The body of POST /api/auth/login: a user id and password, exchanged for a session token valid 12 hours.
 */
export interface Login {
  /**
   * The sign-in name, e.g. "admin".
   */
  user: string;
  /**
   * The user's password.
   */
  password: string;
}
/**
 * heng.plugin.json: what a plugin is, who made it, where it runs, and every permission it asks for. The administrator reviews it before installing.
 */
export interface PluginManifest {
  /**
   * The URL of this schema, for editors: "https://heng.city/schemas/manifest.schema.json".
   */
  $schema?: string;
  id: PluginId;
  /**
   * The name administrators and residents see, e.g. "Night dimming".
   */
  name: string;
  /**
   * What the plugin does, in one or two sentences, shown in the app catalog.
   */
  description?: string;
  version: SemVer;
  vendor: Vendor;
  engines: Engines;
  /**
   * Where the plugin runs: "edge" (at each field site, keeps working offline), "hub" (at the management centre) or both.
   *
   * @minItems 1
   *
   * Items: edge or hub.
   */
  runsOn: ('edge' | 'hub')[];
  entry?: RelativePath;
  /**
   * Every capability the plugin asks for, with its scope. It gets these and nothing else, and only once an administrator consents.
   *
   * @maxItems 64
   */
  permissions: Permission[];
  config?: ConfigSchema;
  limits?: Limits;
  ui?: Ui;
  /**
   * Further files to put in the package (icons, panel pages, styles), relative to its root.
   *
   * @maxItems 256
   */
  assets?: RelativePath[];
  digest?: Sha256Digest;
}
/**
 * Who makes and supports the plugin.
 */
export interface Vendor {
  /**
   * The company, department or person, e.g. "Hengyang Lighting Co.".
   */
  name: string;
  /**
   * The vendor's website, http(s).
   */
  url?: string;
  /**
   * Where administrators report problems.
   */
  email?: string;
}
/**
 * The platform versions the plugin works with.
 */
export interface Engines {
  /**
   * A semver range of Heng versions, e.g. "^0.1.0" or ">=0.1.0 <2".
   */
  heng: string;
}
/**
 * A JSON Schema (draft 2020-12) of the plugin's settings, an object schema. The shell draws the settings form from it (titles, descriptions, defaults) and the platform validates the settings against it at install.
 */
export interface ConfigSchema {
  /**
   * Settings are always an object.
   */
  type: 'object';
  [k: string]: unknown;
}
/**
 * Resources the plugin's sandbox may use, within the platform's ceilings. Anything not given takes the default.
 */
export interface Limits {
  /**
   * The sandbox's memory limit in MiB (1 to 64; 16 when not given).
   */
  memoryMiB?: number;
  /**
   * How long one call into the plugin may run before it is stopped, in milliseconds (1 to 1000; 50 when not given).
   */
  callTimeoutMs?: number;
  /**
   * The sandbox's stack size in KiB (16 to 64; 48 when not given). The interpreter runs on the host's own native stack, which a deep recursion uses several times faster than this budget, so the ceiling is what keeps a runaway recursion inside the sandbox.
   */
  stackKiB?: number;
  /**
   * How long a promise the plugin waits on (a fetch, a command) may take before it is rejected, in milliseconds (100 to 60000; 5000 when not given).
   */
  asyncTimeoutMs?: number;
}
/**
 * The plugin's panels in the administrators' shell.
 */
export interface Ui {
  /**
   * The panels, each also named in a ui:panel permission.
   *
   * @minItems 1
   * @maxItems 16
   */
  panels: UiPanel[];
}
/**
 * A page the plugin shows in the administrators' shell, in a sandboxed frame.
 */
export interface UiPanel {
  id: PanelId;
  /**
   * The heading shown in the shell's menu, e.g. "Lamp map".
   */
  title: string;
  /**
   * The panel's HTML page inside the package, e.g. "ui/lamp-map.html".
   */
  entry: RelativePath;
}
/**
 * A party of the platform (一核多元): a government department, an enterprise, a social organisation or the public. Users belong to one; technicians act only on their organisation's sites.
 */
export interface Organisation {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * "organisation" when stored as a document.
   */
  type?: 'organisation';
  /**
   * Lower-case letters, digits, _ and -, starting with a letter, e.g. "lighting-office".
   */
  id: string;
  /**
   * A name for people, e.g. "Municipal Lighting Office".
   */
  name: string;
  /**
   * department (a government department), enterprise, social-organisation or public.
   */
  kind: 'department' | 'enterprise' | 'social-organisation' | 'public';
  createdAt?: Timestamp;
}
/**
 * The body of POST /api/catalog/packages/{id}/{version}/revoke: why the package is revoked. The revocation reaches every site, whose edge stops the package and will not start it again.
 */
export interface PackageRevocationRequest {
  /**
   * Why, for the administrators and the audit log, e.g. "sends readings to an undeclared host".
   */
  reason: string;
}
/**
 * A signed plugin package in a site's control database, written by the hub only as `package/<pluginId>@<version>` before the install record that names it. The `.hpkg` archive is its attachment `package.hpkg`; the edge verifies the archive's digest and signature before it installs anything.
 */
export interface SitePackage {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "package".
   */
  type: 'package';
  /**
   * Which package this is: the id and version of its manifest and the digest of its contents.
   */
  plugin: {
    id: PluginId;
    version: SemVer;
    digest: Sha256Digest;
  };
  /**
   * The id of the vendor key that signed it; its `trust/<keyId>` document travels with it.
   */
  keyId: string;
  /**
   * The store's attachments: `package.hpkg`, the signed archive (a stub with its length and digest when read without the data).
   */
  _attachments?: {
    'package.hpkg': {
      content_type?: 'application/octet-stream';
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}
/**
 * The body of PUT /api/users/{id}/password. A user changing their own password gives the current one; an administrator resetting someone else's does not.
 */
export interface PasswordChange {
  /**
   * At least 12 characters.
   */
  password: string;
  /**
   * Required when changing one's own password.
   */
  currentPassword?: string;
}
/**
 * What an edge runs of one plugin, written by the edge only as `plugin-status/<pluginId>` in its site's control database and replicated to the hub. The hub reads it for the site's apps and for automatic rollback; it never writes it.
 */
export interface PluginStatusDoc {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "plugin-status".
   */
  type: 'plugin-status';
  site: Identifier;
  /**
   * Which package the report is about. Version and digest are those of the install record the edge acted on; they are absent only when that record was too malformed to name them.
   */
  plugin: {
    id: PluginId;
    version?: SemVer;
    digest?: Sha256Digest;
  };
  /**
   * The plugin host's states (installed, active, stopped, quarantined, failed) and the edge's own: waiting (the install record arrived, its package not yet), refused (the package or a record failed a check: digest, signature, trust, schema, config), revoked (its digest was revoked: stopped, never started again) and uninstalled.
   */
  state:
    | 'installed'
    | 'active'
    | 'stopped'
    | 'quarantined'
    | 'failed'
    | 'waiting'
    | 'refused'
    | 'revoked'
    | 'uninstalled';
  /**
   * How many times the plugin faulted (threw, ran past its deadline, exceeded its memory) since the edge installed it.
   */
  faults: number;
  lastError?: ErrorInfo;
  updatedAt: Timestamp;
}
/**
 * A revoked package, written by the hub only as `revocation/<digest>` at the hub and in every site's control database. An edge that holds it stops the package and never starts it again.
 */
export interface Revocation {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "revocation".
   */
  type: 'revocation';
  digest: Sha256Digest;
  /**
   * The id and version the revoked package carried, for people.
   */
  plugin: {
    id: PluginId;
    version: SemVer;
  };
  /**
   * Why it was revoked, e.g. "sends readings to an undeclared host".
   */
  reason: string;
  at: Timestamp;
  /**
   * The id of the administrator who revoked it.
   */
  by: string;
}
/**
 * The edge's own view of its link to the hub, written by the edge only as `site-status/current` in its site's control database when its state or pending counts change (at most every few seconds). The hub shows it as the site's pending documents and lag.
 */
export interface SiteStatusDoc {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "site-status".
   */
  type: 'site-status';
  site: Identifier;
  at: Timestamp;
  /**
   * connecting (the hub has not answered yet), online, offline (retrying with backoff) or denied (the hub refused the site's token; the edge stopped syncing until restarted with a new one).
   */
  state: 'connecting' | 'online' | 'offline' | 'denied';
  lastSyncAt?: Timestamp;
  /**
   * Documents waiting to go to the hub (push) and to come from it (pull), as far as the edge's replications tell.
   */
  pending: {
    push: number;
    pull: number;
  };
  version: SemVer;
}
/**
 * A field site registered at the hub: a lighting cabinet, an environment station, a pumping station. Each site runs its own edge and keeps working offline.
 */
export interface Site {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * "site" when stored as a document.
   */
  type?: 'site';
  id: Identifier;
  /**
   * A name for people, e.g. "Jiefang Road lighting cabinet".
   */
  name: string;
  /**
   * The department or enterprise that runs the site, e.g. "Municipal Lighting Office".
   */
  organisation?: string;
  /**
   * Where the site is, in WGS 84 degrees.
   */
  location?: {
    /**
     * Degrees north (negative for south), -90 to 90.
     */
    lat: number;
    /**
     * Degrees east (negative for west), -180 to 180.
     */
    lon: number;
  };
  /**
   * What the site mainly does: lighting, environment (monitoring), pumping or mixed.
   */
  kind?: 'lighting' | 'environment' | 'pumping' | 'mixed';
  dataClass?: DataClass;
  createdAt?: Timestamp;
}
/**
 * The immutable document an edge writes for one device at each flush: the readings of that device since the last flush. Written once, never updated, so replication never conflicts.
 */
export interface TelemetryBatch {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "telemetry-batch".
   */
  type: 'telemetry-batch';
  site: Identifier;
  device: Identifier;
  /**
   * The readings in the order they were taken.
   *
   * @minItems 1
   * @maxItems 10000
   */
  readings: BatchReading[];
  from: Timestamp;
  to: Timestamp;
  /**
   * The number of readings in the batch.
   */
  count: number;
}
/**
 * One reading in a batch; site and device are those of the batch.
 */
export interface BatchReading {
  point: Identifier;
  value: ReadingValue;
  quality: Quality;
  ts: Timestamp;
}
/**
 * One value read from one point of a field device, as plugins and the shell see it.
 */
export interface TelemetryReading {
  site: Identifier;
  device: Identifier;
  point: Identifier;
  value: ReadingValue;
  /**
   * The engineering unit of the value, e.g. "%", "kWh", "µg/m³".
   */
  unit?: string;
  quality: Quality;
  ts: Timestamp;
  dataClass?: DataClass;
}
/**
 * The body of POST /api/catalog/keys: a vendor's Ed25519 public key (a JWK as `heng-plugin keygen` writes it in NAME.pub.json) that the hub will accept package signatures from. The hub computes the key id from the key itself.
 */
export interface TrustedKeyRequest {
  /**
   * The vendor's public key as a JWK.
   */
  publicKey: {
    /**
     * Always "OKP".
     */
    kty: 'OKP';
    /**
     * Always "Ed25519".
     */
    crv: 'Ed25519';
    /**
     * The raw 32-byte public key, base64url without padding (43 characters).
     */
    x: string;
    /**
     * The key id as the vendor's tool wrote it; only a label, checked against the id the hub computes.
     */
    kid?: string;
  };
  /**
   * Whose key it is, for people, e.g. "Hengyang Lighting Co. release key".
   */
  name?: string;
}
/**
 * A vendor's Ed25519 public key that the hub's administrators trust, as `trust/<keyId>` at the hub and, copied by the hub with the first package it signed, in a site's control database. The edge verifies packages only against these.
 */
export interface TrustedKey {
  _id?: DocId;
  _rev?: DocRev;
  /**
   * Always "trusted-key".
   */
  type: 'trusted-key';
  /**
   * The key's id, computed from the key by the hub.
   */
  keyId: string;
  /**
   * The key as a JWK.
   */
  publicKey: {
    /**
     * Always "OKP".
     */
    kty: 'OKP';
    /**
     * Always "Ed25519".
     */
    crv: 'Ed25519';
    /**
     * The raw 32-byte public key, base64url without padding (43 characters).
     */
    x: string;
    /**
     * The key id, as in `keyId`.
     */
    kid?: string;
  };
  /**
   * Whose key it is, for people.
   */
  name?: string;
  addedAt: Timestamp;
  /**
   * The id of the administrator who trusted it.
   */
  addedBy: string;
}
/**
 * The body of PATCH /api/users/{id}: what an administrator may change about a user. Passwords change through PUT /api/users/{id}/password.
 */
export interface UserUpdate {
  /**
   * The person's name.
   */
  name?: string;
  /**
   * The new list of roles, replacing the old one.
   *
   * @minItems 1
   */
  roles?: PersonRole[];
  clearance?: DataClass;
  /**
   * true stops the user's sign-in and revokes their tokens.
   */
  disabled?: boolean;
}
/**
 * A person who signs in to the hub, as the API shows it and as an administrator creates it. The stored password hash never leaves the hub; `password` is accepted on creation only (leave it out and the hub generates one, returned once).
 */
export interface User {
  /**
   * The sign-in name: lower-case letters, digits, _, . and -, starting with a letter, e.g. "li.wei".
   */
  id: string;
  /**
   * The person's name, e.g. "Li Wei".
   */
  name: string;
  /**
   * The id of the organisation the person belongs to; it must exist.
   */
  organisation: string;
  /**
   * What the person does at the hub; each role grants a fixed list of abilities.
   *
   * @minItems 1
   */
  roles: PersonRole[];
  clearance: DataClass;
  /**
   * A disabled user cannot sign in, and their tokens stop working.
   */
  disabled?: boolean;
  /**
   * On creation only: at least 12 characters. Never returned.
   */
  password?: string;
  createdAt?: Timestamp;
}
