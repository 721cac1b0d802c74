/**
 * @module Sandbox limits: the platform's defaults and ceilings, and the limits a plugin gets.
 */
import type { Limits, PluginManifest } from '../../generated/types.ts';
import { schemas } from '../schema-documents.ts';

/** The name of one sandbox limit. */
export type LimitName = keyof Limits;

const fields = schemas.manifest.$defs.Limits.properties;
const names = Object.keys(fields) as LimitName[];

function fromSchema(key: 'default' | 'minimum' | 'maximum'): Readonly<Required<Limits>> {
  return Object.freeze(
    Object.fromEntries(names.map((n) => [n, fields[n][key]])),
  ) as Required<Limits>;
}

/** The limits a plugin gets for what its manifest does not say (from the schema's defaults). */
export const DEFAULT_LIMITS: Readonly<Required<Limits>> = fromSchema('default');

/** The most any plugin may ask for (the schema's maxima); a deployment may set lower ones. */
export const PLATFORM_CEILINGS: Readonly<Required<Limits>> = fromSchema('maximum');

/** The least a sandbox can run with (the schema's minima). */
export const PLATFORM_FLOORS: Readonly<Required<Limits>> = fromSchema('minimum');

/** Every limit name, in schema order. */
export const LIMIT_NAMES: readonly LimitName[] = names;

/** Keeps a value between the floor and a ceiling. */
export function clampLimit(
  name: LimitName,
  value: number,
  ceilings: Required<Limits> = PLATFORM_CEILINGS,
): number {
  return Math.min(Math.max(value, PLATFORM_FLOORS[name]), ceilings[name]);
}

/**
 * The limits the sandbox applies to a plugin: its manifest's limits, defaults for the rest,
 * each kept within the ceilings (a deployment's lower ceilings win over the manifest).
 *
 * @example effectiveLimits({ ...manifest, limits: { memoryMiB: 32 } }).callTimeoutMs // 50
 */
export function effectiveLimits(
  manifest: Pick<PluginManifest, 'limits'>,
  ceilings: Required<Limits> = PLATFORM_CEILINGS,
): Required<Limits> {
  const asked = manifest.limits ?? {};
  const result = {} as Required<Limits>;
  for (const name of names)
    result[name] = clampLimit(name, asked[name] ?? DEFAULT_LIMITS[name], ceilings);
  return result;
}
