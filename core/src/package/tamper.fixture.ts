/** @module Test fixture: forges the hostile archives that tests feed the package reader. */
import { unzipSync, zipSync } from 'fflate';

/**
 * Renames every entry called `from` to `to` (same byte length) in both the local headers and
 * the central directory: how tests make names fflate's writer would never produce.
 */
export function renameEntries(zip: Uint8Array, from: string, to: string): Uint8Array {
  const a = new TextEncoder().encode(from);
  const b = new TextEncoder().encode(to);
  if (a.length !== b.length) throw new Error('renameEntries: names must have the same length');
  const out = zip.slice();
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((byte, j) => out[i + j] === byte)) out.set(b, i);
  }
  return out;
}

/** Rewrites a zip with one entry replaced (or added, or removed with `undefined`). */
export function replaceEntry(
  zip: Uint8Array,
  path: string,
  bytes: Uint8Array | undefined,
): Uint8Array {
  const entries = unzipSync(zip);
  if (bytes) entries[path] = new Uint8Array(bytes);
  else delete entries[path];
  return zipSync(entries);
}

/** Reads one entry of a zip as text. */
export function entryText(zip: Uint8Array, path: string): string {
  const bytes = unzipSync(zip)[path];
  if (!bytes) throw new Error(`entryText: no ${path}`);
  return new TextDecoder().decode(bytes);
}
