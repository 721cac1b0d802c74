import { describe, expect, test } from 'vitest';
import { type HengErrorCode, httpStatusOf, outcomeOf } from './errors.ts';

describe('outcomeOf', () => {
  test.each<[HengErrorCode, 'refused' | 'failed']>([
    ['invalid_input', 'refused'],
    ['permission_denied', 'refused'],
    ['unauthenticated', 'refused'],
    ['not_found', 'refused'],
    ['conflict', 'refused'],
    ['consent_required', 'refused'],
    ['rate_limited', 'refused'],
    ['payload_too_large', 'refused'],
    ['package_revoked', 'refused'],
    ['store_unavailable', 'failed'],
    ['plugin_crashed', 'failed'],
    ['internal', 'failed'],
  ])('%s is %s, as its status %#', (code, outcome) => {
    expect(outcomeOf(code)).toBe(outcome);
    expect(httpStatusOf(code) < 500).toBe(outcome === 'refused');
  });
});
