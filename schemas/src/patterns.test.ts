import { describe, expect, test } from 'vitest';
import { HengError } from './errors.ts';
import {
  compilePattern,
  compilePatterns,
  matchTopic,
  pointPatternProblem,
  pointProblem,
} from './patterns.ts';

describe('matchTopic', () => {
  test.each([
    { pattern: 'a/b/c', topic: 'a/b/c', expected: true },
    { pattern: 'a/b/c', topic: 'a/b/d', expected: false },
    { pattern: 'a/+/c', topic: 'a/x/c', expected: true },
    { pattern: 'a/+/c', topic: 'a/x/y/c', expected: false },
    { pattern: '+/+/dimming', topic: 'lighting-01/lamp_017/dimming', expected: true },
    { pattern: '+', topic: 'a', expected: true },
    { pattern: '+', topic: 'a/b', expected: false },
    { pattern: 'a/#', topic: 'a', expected: true },
    { pattern: 'a/#', topic: 'a/b/c/d', expected: true },
    { pattern: 'a/#', topic: 'ab/c', expected: false },
    { pattern: '#', topic: 'anything/at/all', expected: true },
    { pattern: 'a/+/#', topic: 'a/b', expected: true },
    { pattern: 'a/+/#', topic: 'a', expected: false },
  ])('$pattern against $topic is $expected', ({ pattern, topic, expected }) => {
    expect(matchTopic(pattern, topic)).toBe(expected);
  });

  test('never matches a topic that itself holds wildcards or is malformed', () => {
    for (const topic of ['a/+', 'a/#', '', 'a//b', 'a/b/', 'a b', 'a/\u0000', 'ä/b']) {
      expect(matchTopic('#', topic)).toBe(false);
      expect(matchTopic('a/+', topic)).toBe(false);
    }
  });

  test('never matches non-string topics', () => {
    const matcher = compilePattern('#');
    for (const topic of [undefined, null, 42, {}, ['a']])
      expect(matcher(topic as never)).toBe(false);
  });
});

describe('compilePattern', () => {
  test.each(['', 'a/#/b', 'a+/b', 'a/b#', 'a//b', '/a', 'a/', 'sp ace', 'x'.repeat(257)])(
    'refuses the malformed pattern %s',
    (pattern) => {
      expect(() => compilePattern(pattern)).toThrow(HengError);
    },
  );

  test('names the pattern in the error', () => {
    expect(() => compilePattern('a/#/b')).toThrow(/a\/#\/b/);
  });

  test('compilePatterns matches when any pattern does, and nothing when empty', () => {
    const either = compilePatterns(['a/+', 'b/#']);
    expect(either('a/x')).toBe(true);
    expect(either('b/x/y')).toBe(true);
    expect(either('c')).toBe(false);
    expect(compilePatterns([])('a')).toBe(false);
  });
});

describe('point paths and patterns', () => {
  test('a point path has exactly three segments', () => {
    expect(pointProblem('s/d/p')).toBeUndefined();
    expect(pointProblem('s/d')).toBeDefined();
    expect(pointProblem('s/d/p/q')).toBeDefined();
    expect(pointProblem('s/+/p')).toBeDefined();
  });

  test('a point pattern has three segments, or fewer ending in #', () => {
    for (const ok of ['s/d/p', '+/+/p', 's/#', '#', 's/d/#'])
      expect(pointPatternProblem(ok)).toBeUndefined();
    for (const bad of ['s/d', 's/d/p/q', 's/d/p/#', 's/+'])
      expect(pointPatternProblem(bad)).toBeDefined();
  });
});
