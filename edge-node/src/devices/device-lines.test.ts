import { describe, expect, test } from 'vitest';
import { acquireLine, openLineCount } from './device-lines.ts';

describe('the lines devices share', () => {
  test('one line per host:port, closed when its last user lets go', async () => {
    const a = acquireLine('127.0.0.1', 1502);
    const b = acquireLine('127.0.0.1', 1502);
    const c = acquireLine('127.0.0.1', 1503);
    expect(a.line).toBe(b.line);
    expect(c.line).not.toBe(a.line);
    expect(openLineCount()).toBe(2);
    await a.release();
    await a.release(); // twice is once
    expect(openLineCount()).toBe(2);
    await b.release();
    await c.release();
    expect(openLineCount()).toBe(0);
  });

  test('opens a new line for a host:port whose line was closed', async () => {
    const a = acquireLine('127.0.0.1', 1504);
    await a.release();
    const b = acquireLine('127.0.0.1', 1504);
    expect(b.line).not.toBe(a.line);
    await b.release();
  });
});
