/**
 * @module Reading a manifest's permissions defensively: the checks run on unvalidated input too.
 */
import type { Permission, PluginManifest } from '../../generated/types.ts';

/** A permission with its JSON pointer in the manifest. */
export interface Located<T> {
  value: T;
  path: string;
}

/** The manifest's permissions that are objects with a `capability`, with their paths. */
export function permissionsOf(manifest: PluginManifest): Array<Located<Permission>> {
  const list: unknown = (manifest as { permissions?: unknown }).permissions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, i) =>
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Permission).capability === 'string'
      ? [{ value: value as Permission, path: `/permissions/${i}` }]
      : [],
  );
}

/** The names of the list fields of permissions whose entries are pattern or host strings. */
export type StringListField = 'points' | 'topics' | 'hosts' | 'panels';

/** Every string list of a permission (points, topics, hosts or panels), with its path. */
export function stringListsOf(
  permission: Located<Permission>,
): Array<{ field: StringListField; list: unknown[]; path: string }> {
  const lists: Array<{ field: StringListField; list: unknown[]; path: string }> = [];
  for (const field of ['points', 'topics', 'hosts', 'panels'] as const) {
    const list = (permission.value as Partial<Record<StringListField, unknown>>)[field];
    if (Array.isArray(list)) lists.push({ field, list, path: `${permission.path}/${field}` });
  }
  return lists;
}

/** The point and topic patterns of a manifest, each with its path. */
export function patternsOf(
  manifest: PluginManifest,
): Array<Located<string> & { field: 'points' | 'topics' }> {
  return permissionsOf(manifest).flatMap((p) =>
    stringListsOf(p)
      .filter(
        (l): l is typeof l & { field: 'points' | 'topics' } =>
          l.field === 'points' || l.field === 'topics',
      )
      .flatMap(({ field, list, path }) =>
        list.flatMap((value, i) =>
          typeof value === 'string' ? [{ value, path: `${path}/${i}`, field }] : [],
        ),
      ),
  );
}
