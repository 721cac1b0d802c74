import { describe, expect, test } from 'vitest';
import { REDACTED, redactSecrets } from './redact.ts';

describe('redactSecrets', () => {
  test('replaces secret-named fields at any depth and keeps the rest', () => {
    const out = redactSecrets({
      user: 'li.wei',
      password: 'hunter2hunter2',
      nested: { apiToken: 'abc', list: [{ privateKey: 'k', Authorization: 'Bearer x' }] },
      client_secret: 's',
      currentPassword: 'old',
      count: 3,
    });
    expect(out).toEqual({
      user: 'li.wei',
      password: REDACTED,
      nested: { apiToken: REDACTED, list: [{ privateKey: REDACTED, Authorization: REDACTED }] },
      client_secret: REDACTED,
      currentPassword: REDACTED,
      count: 3,
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Bearer x/);
  });

  test('turns values JSON cannot hold into strings so the entry can be hashed', () => {
    expect(redactSecrets({ n: Number.NaN, big: 10n, at: new Date(0) })).toEqual({
      n: 'NaN',
      big: '10',
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});
