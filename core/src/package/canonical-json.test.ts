import { describe, expect, test } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  test('sorts keys at every depth and drops whitespace', () => {
    const text = canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } });
    expect(text).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  test('gives the same text for the same value written in another key order', () => {
    expect(canonicalJson({ id: 'a', version: '1.0.0' })).toBe(
      canonicalJson(JSON.parse('{ "version": "1.0.0",\n  "id": "a" }')),
    );
  });

  test('leaves out undefined members, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, digest: undefined })).toBe('{"a":1}');
  });

  test('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
