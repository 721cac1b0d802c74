/**
 * @module Renders schemas/generated/types.ts from the JSON Schemas with json-schema-to-typescript.
 */
import { readdir, readFile } from 'node:fs/promises';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const SCHEMA_DIR = new URL('../schemas/', import.meta.url);

/** The exported type name of each schema's root; `common` only holds definitions. */
export const ROOT_TYPE_NAMES: Record<string, string | undefined> = {
  common: undefined,
  permission: 'Permission',
  manifest: 'PluginManifest',
  'telemetry-reading': 'TelemetryReading',
  'telemetry-batch': 'TelemetryBatch',
  event: 'HengEvent',
  command: 'Command',
  'command-outcome': 'CommandOutcome',
  'command-request': 'CommandRequest',
  'device-profile': 'DeviceProfile',
  site: 'Site',
  'app-install': 'AppInstall',
  'trusted-key-request': 'TrustedKeyRequest',
  'app-install-request': 'AppInstallRequest',
  'app-upgrade-request': 'AppUpgradeRequest',
  'package-revocation-request': 'PackageRevocationRequest',
  'auto-rollback-request': 'AutoRollbackRequest',
  organisation: 'Organisation',
  user: 'User',
  'user-update': 'UserUpdate',
  'password-change': 'PasswordChange',
  login: 'Login',
  'plugin-status': 'PluginStatusDoc',
  'site-status': 'SiteStatusDoc',
  package: 'SitePackage',
  'trusted-key': 'TrustedKey',
  revocation: 'Revocation',
};

const BANNER = `/**
 * @module TypeScript types of Heng's contracts, GENERATED from schemas/schemas/*.schema.json by
 * schemas/scripts/generate.ts. Do not edit: change the schema and run \`npm run generate\`.
 */`;

type Node = Record<string, unknown>;

/** Reads every schema file, keyed by its name without `.schema.json`. */
export async function readSchemaFiles(): Promise<Map<string, Node>> {
  const files = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.schema.json')).sort();
  const found = new Map<string, Node>();
  for (const file of files) {
    const text = await readFile(new URL(file, SCHEMA_DIR), 'utf8');
    found.set(file.replace(/\.schema\.json$/, ''), JSON.parse(text) as Node);
  }
  return found;
}

/** Turns a reference between files into one inside the single flattened document. */
function localRef(ref: string): string {
  const [file = '', fragment = ''] = ref.replace(/^https:\/\/heng\.city\/schemas\//, '').split('#');
  if (file === '') return `#${fragment}`;
  if (fragment !== '') return `#${fragment}`;
  const name = file.replace(/\.schema\.json$/, '');
  const typeName = ROOT_TYPE_NAMES[name];
  if (!typeName) throw new Error(`render-types: $ref "${ref}" names no schema with a root type`);
  return `#/$defs/${typeName}`;
}

// Keywords that shape validation or forms but not types. Titles go too: the generator would
// turn every titled property into its own type alias; only definitions get names, below.
const DROPPED = new Set([
  'title',
  '$comment',
  'discriminator',
  'if',
  'then',
  'else',
  '$id',
  '$schema',
  '$defs',
]);

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (node === null || typeof node !== 'object') return node;
  const source = node as Node;
  // A $ref with siblings would become a new anonymous copy of the referenced type.
  if (typeof source.$ref === 'string') return { $ref: localRef(source.$ref) };
  const out: Node = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key)) continue;
    if (key === 'allOf' && Array.isArray(value)) {
      // allOf that only held if/then rules has nothing left for the types.
      const parts = value.map(clean).filter((part) => Object.keys(part as Node).length > 0);
      if (parts.length > 0) out[key] = parts;
    } else if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
    } else {
      out[key] = clean(value);
    }
  }
  return out;
}

/** One document holding every definition under its exported type name. */
export function flattenSchemas(files: Map<string, Node>): JSONSchema {
  const defs: Node = {};
  const add = (name: string, schema: unknown, from: string): void => {
    if (name in defs)
      throw new Error(`render-types: type name ${name} (from ${from}) is defined twice`);
    defs[name] = { ...(clean(schema) as Node), title: name };
  };
  const roots: Node = {};
  for (const [file, schema] of files) {
    for (const [name, def] of Object.entries((schema.$defs ?? {}) as Node)) add(name, def, file);
    const typeName = ROOT_TYPE_NAMES[file];
    if (typeName === undefined) {
      if (!(file in ROOT_TYPE_NAMES))
        throw new Error(`render-types: no type name for ${file}.schema.json`);
      continue;
    }
    const root = { ...schema };
    if (file === 'permission') {
      // The union is the type; the discriminator scaffolding around it is for ajv.
      for (const key of ['type', 'required', 'properties']) delete root[key];
    }
    add(typeName, root, file);
    roots[file] = { $ref: `#/$defs/${typeName}` };
  }
  return {
    title: 'SchemaTypes',
    description: 'The type of a document valid against each schema, by schema name.',
    type: 'object',
    properties: roots,
    required: Object.keys(roots),
    additionalProperties: false,
    $defs: defs,
  } as JSONSchema;
}

/** The text of schemas/generated/types.ts. */
export async function renderTypes(): Promise<string> {
  const flat = flattenSchemas(await readSchemaFiles());
  const text = await compile(flat, 'SchemaTypes', {
    bannerComment: BANNER,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    additionalProperties: true,
    strictIndexSignatures: false,
    style: { singleQuote: true, printWidth: 100, trailingComma: 'all' },
    cwd: new URL('../schemas/', import.meta.url).pathname,
  });
  // Every definition would otherwise carry the same two lines about where it came from.
  return text.replace(
    /\n \*\n \* This interface was referenced by `SchemaTypes`'s JSON-Schema\n \* via the `definition` "\w+"\./g,
    '',
  );
}
