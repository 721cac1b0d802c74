import { describe, expect, test } from 'vitest';
import { HengError, ManifestError, ValidationError } from '../errors.ts';
import { compileConfigSchema, validateAgainst } from './config.ts';

const settings = {
  type: 'object',
  properties: {
    nightLevel: {
      title: 'Night level (%)',
      type: 'integer',
      minimum: 10,
      maximum: 100,
      default: 30,
    },
    circuits: { type: 'array', items: { type: 'string' }, default: [] },
  },
  required: ['nightLevel'],
  additionalProperties: false,
};

function thrown(fn: () => unknown): HengError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HengError) return err;
    throw err;
  }
  throw new Error('expected a HengError, nothing was thrown');
}

describe('validateAgainst', () => {
  test('returns valid settings unchanged', () => {
    const value = { nightLevel: 40 };
    expect(validateAgainst(settings, value, 'config for city.hengyang.night-dimming')).toBe(value);
  });

  test('throws invalid_config naming what was checked and each problem', () => {
    const err = thrown(() =>
      validateAgainst(
        settings,
        { nightLevel: 5, colour: 'red' },
        'config for city.hengyang.night-dimming',
      ),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.code).toBe('invalid_config');
    expect(err.message).toMatch(/^invalid config for city\.hengyang\.night-dimming: /);
    expect(err.issues).toEqual([
      {
        path: '',
        message: 'has an unknown property "colour" (allowed here: nightLevel, circuits)',
      },
      { path: '/nightLevel', message: 'must be at least 10 (got 5)' },
    ]);
  });

  test('fills in defaults on a copy when asked, leaving the input alone', () => {
    const schema = { ...settings, required: [] };
    const input = {};
    expect(validateAgainst(schema, input, 'config', { useDefaults: true })).toEqual({
      nightLevel: 30,
      circuits: [],
    });
    expect(input).toEqual({});
  });

  test('keeps two plugins whose schemas share an $id apart', () => {
    const a = {
      $id: 'config',
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    };
    const b = {
      $id: 'config',
      type: 'object',
      properties: { b: { type: 'number' } },
      required: ['b'],
    };
    expect(validateAgainst(a, { a: 'x' }, 'config for a')).toEqual({ a: 'x' });
    expect(validateAgainst(b, { b: 1 }, 'config for b')).toEqual({ b: 1 });
  });
});

describe('compileConfigSchema', () => {
  test('returns a validator that lists issues', () => {
    const check = compileConfigSchema(settings);
    expect(check({ nightLevel: 30 })).toEqual([]);
    expect(check({})).toEqual([{ path: '/nightLevel', message: 'is required' }]);
  });

  test('refuses a schema whose settings are not an object', () => {
    const err = thrown(() => compileConfigSchema({ type: 'array' }));
    expect(err).toBeInstanceOf(ManifestError);
    expect(err.issues?.[0]?.path).toBe('/config/type');
  });

  test('reports a misspelt keyword instead of ignoring the rule', () => {
    const err = thrown(() =>
      compileConfigSchema({
        type: 'object',
        properties: { level: { type: 'integer', minimun: 3 } },
      }),
    );
    expect(err.code).toBe('invalid_manifest');
    expect(err.message).toContain('unknown keyword: "minimun"');
  });

  test('reports a schema that breaks the draft 2020-12 meta-schema at its path', () => {
    const err = thrown(() =>
      compileConfigSchema({ type: 'object', properties: { level: { type: 'integr' } } }),
    );
    expect(err.issues).toHaveLength(1);
    expect(err.issues?.[0]?.path).toBe('/config/properties/level/type');
    expect(err.issues?.[0]?.message).toContain('(got "integr")');
  });

  test('refuses something that is not a schema at all', () => {
    expect(thrown(() => compileConfigSchema('object')).issues).toEqual([
      { path: '/config', message: 'must be a JSON Schema object' },
    ]);
  });
});
