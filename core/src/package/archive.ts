/**
 * @module The zip layer of `.hpkg` files: unpacks within the package limits (refusing
 * zip-slip names, duplicates and zip bombs before inflating anything) and packs
 * reproducibly (fixed timestamps, fixed order), so the same plugin gives the same bytes.
 */
import { PackageError } from '@heng/schemas';
import { type Unzipped, unzipSync, type Zippable, zipSync } from 'fflate';
import { unsafePathReason } from './archive-path.ts';
import type { PackageLimits } from './limits.ts';

const MiB = 1024 * 1024;
const mib = (bytes: number): string =>
  bytes < MiB ? `${bytes} bytes` : `${(bytes / MiB).toFixed(1)} MiB`;

function refuse(message: string, cause?: unknown): PackageError {
  return new PackageError('invalid_package', message, { cause });
}

/**
 * Unpacks a zip archive into a map from path to bytes (directory entries are skipped).
 * Declared sizes are checked before any entry is inflated, and inflating never writes past
 * the declared size, so memory stays within `limits.maxUnpackedBytes`.
 * @throws PackageError (`invalid_package`) naming the offending entry.
 */
export function readArchive(bytes: Uint8Array, limits: PackageLimits): Map<string, Uint8Array> {
  if (bytes.length > limits.maxPackedBytes) {
    throw refuse(
      `package is ${mib(bytes.length)}, more than the ${mib(limits.maxPackedBytes)} allowed`,
    );
  }
  const seen = new Map<string, string>();
  let entries = 0;
  let unpacked = 0;
  let unzipped: Unzipped;
  try {
    unzipped = unzipSync(bytes, {
      filter(entry) {
        entries += 1;
        if (entries > limits.maxFiles) {
          throw refuse(`package has more than the ${limits.maxFiles} entries allowed`);
        }
        const reason = unsafePathReason(entry.name);
        if (reason) throw refuse(`unsafe entry name ${JSON.stringify(entry.name)}: ${reason}`);
        // fflate collects entries in a plain object, where this name would set its prototype.
        if (entry.name === '__proto__') throw refuse('unsafe entry name "__proto__"');
        const folded = entry.name.toLowerCase();
        const earlier = seen.get(folded);
        if (earlier !== undefined) {
          const how =
            earlier === entry.name ? '' : ` (same as ${JSON.stringify(earlier)} ignoring case)`;
          throw refuse(`duplicate entry ${JSON.stringify(entry.name)}${how}`);
        }
        seen.set(folded, entry.name);
        if (entry.name.endsWith('/')) return false;
        // A stored entry is copied as is; a deflated one inflates into a buffer of its declared size.
        unpacked += entry.compression === 0 ? entry.size : entry.originalSize;
        if (unpacked > limits.maxUnpackedBytes) {
          throw refuse(
            `package unpacks to more than the ${mib(limits.maxUnpackedBytes)} allowed (at ${entry.name})`,
          );
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof PackageError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw refuse(`package is not a readable zip archive: ${why}`, err);
  }
  return new Map(Object.entries(unzipped));
}

/** A fixed timestamp, in local time because zip stores local DOS dates: builds are reproducible. */
const EPOCH = new Date(1980, 0, 1);

/**
 * Packs files into a zip archive: `first` entries in the given order, then the rest sorted,
 * all with the same timestamp. Paths must already be safe (see `unsafePathReason`).
 */
export function writeArchive(
  files: ReadonlyMap<string, Uint8Array>,
  first: string[] = [],
): Uint8Array {
  const ordered = [
    ...first.filter((path) => files.has(path)),
    ...[...files.keys()].filter((path) => !first.includes(path)).sort(),
  ];
  const input: Zippable = Object.create(null);
  for (const path of ordered) input[path] = [files.get(path)!, { mtime: EPOCH }];
  return zipSync(input, { level: 6 });
}
