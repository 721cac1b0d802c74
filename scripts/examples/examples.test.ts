import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { examplesIn } from './extract.ts';
import { checkExamples, type ExamplesReport } from './type-check.ts';

const SAMPLE = path.join(import.meta.dirname, 'sample.fixture.ts');
const REL = 'scripts/examples/sample.fixture.ts';
const LEFT_OUT = { file: REL, startsWith: 'this is not code', reason: 'the test says so' };

describe('examplesIn', () => {
  test('takes a one-line example, with the line it stands on', () => {
    expect(examplesIn('\n/** @example double(2) // 4 */\n')).toEqual([
      { lines: ['double(2) // 4'], sourceLines: [2] },
    ]);
  });

  test('takes every line up to the next block tag, keeping their indentation', () => {
    const source = ['/**', ' * @example', ' * f({', ' *   a: 1,', ' * });', ' * @param a', ' */'];
    expect(examplesIn(source.join('\n'))).toEqual([
      { lines: ['f({', '  a: 1,', '});'], sourceLines: [3, 4, 5] },
    ]);
  });

  test('takes only the TypeScript fences of an example that has fences', () => {
    const examples = examplesIn(
      [
        '/**',
        ' * @example',
        ' * ```ts',
        ' * a();',
        ' * ```',
        ' * prose',
        ' * ```json',
        ' * {}',
        ' * ```',
        ' */',
      ].join('\n'),
    );
    expect(examples).toEqual([{ lines: ['a();'], sourceLines: [4] }]);
  });

  test('finds nothing outside doc comments', () => {
    expect(examplesIn("/* @example a() */\n// @example b()\nconst s = '@example c()';")).toEqual(
      [],
    );
  });
});

describe('checkExamples', () => {
  let report: ExamplesReport;
  beforeAll(() => {
    report = checkExamples([SAMPLE], [LEFT_OUT]);
  });

  test('refuses an example that calls what does not exist, naming its source line', () => {
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        /^scripts\/examples\/sample\.fixture\.ts:43:1 TS\d+: Cannot find name 'areaOf'/,
      ),
    );
  });

  test('refuses an example that passes what its function refuses', () => {
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        /sample\.fixture\.ts:49:\d+ TS2345: .*'string' is not assignable .*'number'/,
      ),
    );
  });

  test('accepts the module’s names, elisions, imports and a default export, and nothing else fails', () => {
    expect(report.problems).toHaveLength(2);
    expect(report).toMatchObject({ checked: 6, skipped: 1 });
  });

  test('fails on a left-out entry that no longer matches an example', () => {
    const stale = { file: REL, startsWith: 'gone()', reason: 'fixed since' };
    const { problems } = checkExamples([SAMPLE], [LEFT_OUT, stale]);
    expect(problems).toContainEqual(expect.stringContaining('no @example starts with "gone()"'));
  });
});
