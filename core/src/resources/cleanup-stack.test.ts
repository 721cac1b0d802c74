import { describe, expect, test } from 'vitest';
import { CleanupStack } from './cleanup-stack.ts';

describe('CleanupStack', () => {
  test('releases in the reverse order of setup', async () => {
    const log: string[] = [];
    const stack = new CleanupStack();
    const db = stack.adopt({ name: 'db' }, (d) => log.push(`close ${d.name}`));
    stack.defer(() => log.push('stop server'));
    expect(db.name).toBe('db');
    await stack.disposeAsync();
    expect(log).toEqual(['stop server', 'close db']);
  });

  test('runs every step though one fails, then throws what failed', async () => {
    const log: string[] = [];
    const stack = new CleanupStack();
    stack.defer(() => log.push('first'));
    stack.defer(() => {
      throw new Error('second fails');
    });
    stack.defer(async () => log.push('third'));
    await expect(stack.disposeAsync()).rejects.toThrow('second fails');
    expect(log).toEqual(['third', 'first']);
  });

  test('gathers several failures in one AggregateError', async () => {
    const stack = new CleanupStack();
    stack.defer(() => Promise.reject(new Error('a')));
    stack.defer(() => Promise.reject(new Error('b')));
    await expect(stack.disposeAsync()).rejects.toBeInstanceOf(AggregateError);
  });

  test('move hands the steps to a new owner; disposal is once', async () => {
    const log: string[] = [];
    const setup = new CleanupStack();
    setup.defer(() => log.push('closed'));
    const running = setup.move();
    await setup.disposeAsync();
    expect(log).toEqual([]);
    const first = running.disposeAsync();
    expect(running[Symbol.asyncDispose]()).toBe(first);
    await first;
    expect(log).toEqual(['closed']);
    expect(() => running.defer(() => {})).toThrow(/already disposed/);
  });
});
