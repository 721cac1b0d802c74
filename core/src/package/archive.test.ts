import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { readArchive, writeArchive } from './archive.ts';
import { defaultPackageLimits } from './limits.ts';
import { renameEntries } from './tamper.fixture.ts';

const text = (s: string) => new TextEncoder().encode(s);
const read = (zip: Uint8Array, limits = {}) =>
  readArchive(zip, { ...defaultPackageLimits, ...limits });

describe('readArchive', () => {
  test('unpacks what writeArchive packed, skipping directory entries', () => {
    const files = new Map([
      ['heng.plugin.json', text('{}')],
      ['dist/plugin.js', text('export default 1;')],
    ]);
    const zip = zipSync({
      'heng.plugin.json': text('{}'),
      'dist/': new Uint8Array(0),
      'dist/plugin.js': text('export default 1;'),
    });
    expect(read(writeArchive(files))).toEqual(files);
    expect([...read(zip).keys()].sort()).toEqual(['dist/plugin.js', 'heng.plugin.json']);
  });

  test('packs the same files to the same bytes, manifest first', () => {
    const a = writeArchive(
      new Map([
        ['b.js', text('b')],
        ['heng.plugin.json', text('{}')],
        ['a.js', text('a')],
      ]),
      ['heng.plugin.json'],
    );
    const b = writeArchive(
      new Map([
        ['a.js', text('a')],
        ['heng.plugin.json', text('{}')],
        ['b.js', text('b')],
      ]),
      ['heng.plugin.json'],
    );
    expect(a).toEqual(b);
    expect([...read(a).keys()]).toEqual(['heng.plugin.json', 'a.js', 'b.js']);
  });

  test('refuses data that is not a zip archive', () => {
    expect(() => read(text('definitely not a zip, just some text that is long enough'))).toThrow(
      /package is not a readable zip archive/,
    );
    expect(() => read(new Uint8Array(0))).toThrow(/not a readable zip/);
  });

  test('refuses an archive larger than the packed limit before reading it', () => {
    const zip = zipSync({ 'a.txt': text('x'.repeat(1000)) }, { level: 0 });
    expect(() => read(zip, { maxPackedBytes: 500 })).toThrow(
      /package is \d+ bytes, more than the 500 bytes allowed/,
    );
    expect(() => read(zip, { maxPackedBytes: 500 })).toThrow(
      expect.objectContaining({ code: 'invalid_package' }),
    );
  });

  test('refuses a zip bomb: 51 MiB of zeros deflated to a few kilobytes', () => {
    const zip = zipSync({ 'dist/plugin.js': new Uint8Array(51 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(200_000);
    expect(() => read(zip)).toThrow(
      'package unpacks to more than the 50.0 MiB allowed (at dist/plugin.js)',
    );
  });

  test('counts the unpacked size over all entries', () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(600), 'b.txt': new Uint8Array(600) });
    expect(read(zip, { maxUnpackedBytes: 1200 }).size).toBe(2);
    expect(() => read(zip, { maxUnpackedBytes: 1000 })).toThrow(
      /unpacks to more than .* \(at b\.txt\)/,
    );
  });

  test('refuses more entries than allowed', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 501; i++) many[`assets/${i}.txt`] = text(String(i));
    expect(() => read(zipSync(many))).toThrow('package has more than the 500 entries allowed');
  });

  test.each([
    { name: '../evil.js', reason: '".." segments are not allowed' },
    { name: '/tmp/evil', reason: 'absolute paths are not allowed' },
    { name: 'C:/x/evil', reason: 'drive letters are not allowed' },
    { name: 'dist\\evil', reason: 'backslashes are not allowed' },
  ])('refuses the zip-slip entry name $name', ({ name, reason }) => {
    const placeholder = 'x'.repeat(name.length);
    const zip = renameEntries(zipSync({ [placeholder]: text('boom') }), placeholder, name);
    expect(() => read(zip)).toThrow(`unsafe entry name ${JSON.stringify(name)}: ${reason}`);
  });

  test('refuses duplicate entries, which would let two readers see different files', () => {
    const zip = renameEntries(
      zipSync({ 'dist/plugin.js': text('good'), 'dist/plugin.jz': text('evil') }),
      'dist/plugin.jz',
      'dist/plugin.js',
    );
    expect(() => read(zip)).toThrow('duplicate entry "dist/plugin.js"');
  });

  test('refuses entries whose names differ only in case', () => {
    const zip = zipSync({ 'dist/plugin.js': text('a'), 'dist/Plugin.js': text('b') });
    expect(() => read(zip)).toThrow(
      /duplicate entry "dist\/(P|p)lugin\.js" \(same as .* ignoring case\)/,
    );
  });
});
