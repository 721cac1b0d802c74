/**
 * @module The part of JSON Schema (draft 2020-12) that the settings form draws: which kind of
 * control a schema needs, its local `$ref`s, its starting value from `default`s, and immutable
 * updates of the value at a path.
 */

/** A JSON Schema as the form reads it; anything else in it is left to the validator. */
export interface FieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, FieldSchema>;
  oneOf?: unknown[];
  anyOf?: unknown[];
  allOf?: unknown[];
}

/** A step into a value: a property name or an array index. */
export type PathStep = string | number;

/** The control a schema is drawn with; `json` is a text area for what the form cannot draw. */
export type FieldKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'object'
  | 'array'
  | 'json';

/** Follows a local `$ref` (`#/$defs/Name`, `#/properties/...`) against the root schema. */
export function resolveRef(root: FieldSchema, schema: FieldSchema): FieldSchema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 16; hops++) {
    const ref: string = current.$ref;
    if (!ref.startsWith('#')) return current;
    let target: unknown = root;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (target === undefined || target === null || typeof target !== 'object') return current;
    const { $ref: _followed, ...rest } = current;
    current = { ...(target as FieldSchema), ...rest };
  }
  return current;
}

/** Which control draws `schema`. */
export function kindOf(schema: FieldSchema): FieldKind {
  if (schema.oneOf || schema.anyOf || schema.allOf) return 'json';
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v !== 'object')) return 'enum';
  const types = Array.isArray(schema.type)
    ? schema.type.filter((x) => x !== 'null')
    : [schema.type];
  const type = types.length === 1 ? types[0] : undefined;
  if (type === undefined && schema.properties) return 'object';
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
    case 'array':
      return type;
    default:
      return 'json';
  }
}

/**
 * The value a form starts from: the schema's `default`, else for an object the defaults of its
 * properties (and nested objects), else nothing.
 */
export function initialValue(root: FieldSchema, schema: FieldSchema = root): unknown {
  return startOf(root, schema) ?? (kindOf(resolveRef(root, schema)) === 'object' ? {} : undefined);
}

// A nested object without any default stays absent, so an optional group is not sent as {}.
function startOf(root: FieldSchema, schema: FieldSchema): unknown {
  const s = resolveRef(root, schema);
  if (s.default !== undefined) return structuredClone(s.default);
  if (kindOf(s) !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const v = startOf(root, child);
    if (v !== undefined) out[name] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The value at `path`, or undefined. */
export function valueAt(value: unknown, path: readonly PathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathStep, unknown>)[step];
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path` (creating objects on the way); `undefined` removes
 * an object's property, so an emptied optional field is absent rather than "".
 */
export function setAt(value: unknown, path: readonly PathStep[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [step, ...rest] = path as [PathStep, ...PathStep[]];
  if (typeof step === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[step] = setAt(list[step], rest, next);
    return list;
  }
  const obj: Record<string, unknown> =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  const child = setAt(obj[step], rest, next);
  if (child === undefined) delete obj[step];
  else obj[step] = child;
  return obj;
}

/** A JSON pointer (RFC 6901) for a path, as ajv's `instancePath` writes it. */
export function pointerOf(path: readonly PathStep[]): string {
  return path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
