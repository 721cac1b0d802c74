/**
 * @module The words validation messages use for the schemas' patterns, formats and types.
 */
import { schemas } from '../schema-documents.ts';

const common = schemas.common.$defs;
const permissionDefs = schemas.permission.$defs;

/** Plain-words names for the shapes the patterns of the schemas describe. */
export const PATTERN_HINTS = new Map<string, string>([
  [common.Identifier.pattern, 'an id of letters, digits, "_", "." or "-", like "lighting-01"'],
  [
    common.PointPattern.pattern,
    'a point pattern site/device/point like "lighting-01/+/dimming" ("+" for one segment, "#" for the rest)',
  ],
  [common.TopicPattern.pattern, 'a topic pattern like "incident/+/opened" or "lighting/#"'],
  [
    common.Topic.pattern,
    'a topic like "incident/flooding/opened" (segments separated by "/", no wildcards)',
  ],
  [
    common.HostPattern.pattern,
    'a lower-case host like "api.weather.example" or "*.example.org", optionally with ":port", without scheme or path',
  ],
  [common.SemVer.pattern, 'a semantic version like "1.4.2" (no leading "v")'],
  [common.PluginId.pattern, 'a lower-case reverse-DNS id like "city.hengyang.lighting"'],
  [common.Sha256Digest.pattern, 'a digest: "sha256-" and 44 characters of base64'],
  [
    common.RelativePath.pattern,
    'a relative path inside the package like "dist/plugin.js" (no leading "/", no "..", no spaces)',
  ],
  [common.PanelId.pattern, 'an id in lower case, digits and hyphens, like "lamp-map"'],
  [
    permissionDefs.HttpRoute.properties.path.pattern,
    'a route path like "/status" or "/lamps/:id" (starts with "/", no "." or ".." segments)',
  ],
  [
    permissionDefs.Schedule.properties.name.pattern,
    'a name in lower case, digits and hyphens, like "night-dimming"',
  ],
  ['\\.html$', 'a path to an ".html" page'],
  ['^https?://', 'an http(s) URL'],
  ['^[A-Za-z0-9_.:-]+$', 'an id of letters, digits, "_", ".", ":" or "-"'],
]);

/** How each string format is described. */
export const FORMAT_HINTS: Record<string, string> = {
  'date-time': 'a date-time with a time zone, like "2026-03-01T08:30:00Z"',
  uri: 'an absolute URL, like "https://vendor.example"',
  email: 'an e-mail address',
};

/** Every capability of the permission grammar, in schema order. */
export const CAPABILITIES = Object.values(permissionDefs)
  .map(
    (def) =>
      (def as { properties?: { capability?: { const?: string } } }).properties?.capability?.const,
  )
  .filter((c): c is string => typeof c === 'string');

/** How each JSON type is named in a message. */
export const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};
