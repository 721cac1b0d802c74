import { describe, expect, test } from 'vitest';
import { createSerialQueue, definePlugin, isHostError } from './index.ts';

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

  test('createSerialQueue runs work one piece at a time, in order, past failures', async () => {
    const serial = createSerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = serial(async () => {
      log.push('first starts');
      await gate;
      log.push('first ends');
      throw new Error('first fails');
    });
    const second = serial(async () => {
      log.push('second runs');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    await expect(first).rejects.toThrow('first fails');
    expect(await second).toBe(2);
    expect(log).toEqual(['first starts', 'first ends', 'second runs']);
  });
});
