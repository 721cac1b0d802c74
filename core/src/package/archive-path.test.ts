import { describe, expect, test } from 'vitest';
import { unsafePathReason } from './archive-path.ts';

describe('unsafePathReason', () => {
  test.each([
    'heng.plugin.json',
    'dist/plugin.js',
    'assets/icons/lamp.svg',
    'ui/panel.html',
    'dist/',
  ])('accepts the relative path %s', (name) => {
    expect(unsafePathReason(name)).toBeUndefined();
  });

  test.each([
    { name: '/etc/passwd', reason: 'absolute' },
    { name: '../evil.js', reason: '".."' },
    { name: 'dist/../../evil.js', reason: '".."' },
    { name: 'dist\\plugin.js', reason: 'backslash' },
    { name: 'C:/Windows/evil.dll', reason: 'drive letter' },
    { name: 'c:evil', reason: 'drive letter' },
    { name: './dist/plugin.js', reason: '"."' },
    { name: 'dist//plugin.js', reason: 'empty' },
    { name: 'dist/plugin\u0000.js', reason: 'control' },
    { name: '', reason: 'empty' },
  ])('refuses $name', ({ name, reason }) => {
    expect(unsafePathReason(name)).toContain(reason);
  });
});
