import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS, effectiveLimits, PLATFORM_CEILINGS } from './limits.ts';

describe('limits', () => {
  test('take the defaults and ceilings from the manifest schema', () => {
    expect(DEFAULT_LIMITS).toEqual({
      memoryMiB: 16,
      callTimeoutMs: 50,
      stackKiB: 48,
      asyncTimeoutMs: 5000,
    });
    expect(PLATFORM_CEILINGS).toEqual({
      memoryMiB: 64,
      callTimeoutMs: 1000,
      stackKiB: 64,
      asyncTimeoutMs: 60000,
    });
  });

  test('effective limits fill what the manifest leaves out with defaults', () => {
    expect(effectiveLimits({ limits: { memoryMiB: 32 } })).toEqual({
      ...DEFAULT_LIMITS,
      memoryMiB: 32,
    });
    expect(effectiveLimits({})).toEqual(DEFAULT_LIMITS);
  });

  test("a deployment's lower ceilings win over the manifest and the defaults", () => {
    const ceilings = { ...PLATFORM_CEILINGS, memoryMiB: 8, callTimeoutMs: 20 };
    expect(effectiveLimits({ limits: { memoryMiB: 32 } }, ceilings)).toMatchObject({
      memoryMiB: 8,
      callTimeoutMs: 20,
    });
  });
});
