import { describe, expect, test } from 'vitest';
import { cleared, DATA_CLASSES, isDataClass } from './data-classes.ts';
import { schemas } from './schema-documents.ts';

describe('data classes', () => {
  test('are the schema’s enum, in its order', () => {
    expect(DATA_CLASSES).toEqual(schemas.common.$defs.DataClass.enum);
  });

  test('a clearance admits its own class and those below, and nothing unknown', () => {
    for (const [i, clearance] of DATA_CLASSES.entries())
      for (const [j, dataClass] of DATA_CLASSES.entries())
        expect(cleared(clearance, dataClass)).toBe(j <= i);
    expect(cleared('internal', undefined)).toBe(true);
    expect(cleared('public', undefined)).toBe(false);
    expect(cleared('secret', 'top' as never)).toBe(false);
    expect(isDataClass('secret')).toBe(true);
    expect(isDataClass('Secret')).toBe(false);
  });
});
