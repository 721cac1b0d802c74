import { expect, test } from 'vitest';
import { checkJsonDepth, jsonDepth, MAX_JSON_DEPTH } from './json-body.ts';

test('measures nesting of arrays and objects, not brackets inside strings', () => {
  expect(jsonDepth('1')).toBe(0);
  expect(jsonDepth('{"a":[1,[2]],"b":{}}')).toBe(3);
  expect(jsonDepth('{"a":"[[[[{{{{","b":"\\"[["}')).toBe(1);
  expect(jsonDepth('["\\\\",[]]')).toBe(2);
});

test('stops counting past the bound, so a hostile body costs one pass at most', () => {
  expect(jsonDepth('['.repeat(1_000_000), 64)).toBe(65);
});

test('refuses past the limit, naming it', () => {
  expect(() =>
    checkJsonDepth('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)),
  ).not.toThrow();
  expect(() => checkJsonDepth('['.repeat(MAX_JSON_DEPTH + 1))).toThrow(
    `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
  );
});
