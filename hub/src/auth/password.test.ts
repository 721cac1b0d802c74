import { describe, expect, test } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';

describe('password hashes', () => {
  test('verify the right password and refuse a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterx', stored)).toBe(false);
    expect(JSON.stringify(stored)).not.toContain('correct horse');
  });

  test('salt each hash, so one password stored twice looks different', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password'),
      hashPassword('same password'),
    ]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  test('generated passwords are random and long', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(generatePassword());
  });
});
