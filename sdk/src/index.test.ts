import { describe, expect, test } from 'vitest';
import { definePlugin, isHostError } from './index.ts';

describe('@heng/sdk', () => {
  test('definePlugin returns the definition unchanged', () => {
    const definition = { onEvent() {} };
    expect(definePlugin(definition)).toBe(definition);
  });

  test('isHostError recognises host refusals by name and code', () => {
    const refusal = Object.assign(new Error('too many'), {
      name: 'HengError',
      code: 'rate_limited',
    });
    expect(isHostError(refusal)).toBe(true);
    expect(isHostError(refusal, 'rate_limited')).toBe(true);
    expect(isHostError(refusal, 'permission_denied')).toBe(false);
    expect(isHostError(new Error('x'))).toBe(false);
    expect(isHostError({ name: 'HengError', code: 'rate_limited' })).toBe(false);
  });
});
