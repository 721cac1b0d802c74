/**
 * @module Which names an archive entry may have: relative, forward-slash paths that cannot
 * escape the folder they are unpacked into (no zip-slip), on any operating system.
 */

/**
 * Says why `name` is not a safe path inside a package, or `undefined` when it is.
 * Refuses absolute paths, drive letters, backslashes, `.`/`..` and empty segments and
 * control characters. A trailing `/` (a directory entry) is allowed here; callers skip those.
 */
export function unsafePathReason(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.startsWith('/')) return 'absolute paths are not allowed';
  if (/^[A-Za-z]:/.test(name)) return 'drive letters are not allowed';
  if (name.includes('\\')) return 'backslashes are not allowed (use /)';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control characters are not allowed';
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  for (const segment of segments) {
    if (segment === '..') return '".." segments are not allowed';
    if (segment === '.') return '"." segments are not allowed';
    if (segment === '') return 'empty path segments are not allowed';
  }
  return undefined;
}
